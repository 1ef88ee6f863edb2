/**
 * The public contract of anyproc: options, results and the `Process` handle. Types only.
 */
import type { Signal } from "./signals.js";

/** How a standard stream of the child is connected. */
export type StdioMode = "pipe" | "inherit" | "ignore";

/** How the child's stderr is connected; `"stdout"` shares stdout's pipe so the order of writes is kept. */
export type StderrMode = StdioMode | "stdout";

/**
 * A file as a child's stdin (read from its start) or as its stdout or stderr (created, and replaced unless
 * `append`). A missing stdin file, or a folder that does not exist, is a `SpawnError` naming the file.
 */
export interface FileRedirect {
  /** The file's path, or a `file:` URL. */
  file: string | URL;
  /** Write at the end of the file instead of replacing it (stdout and stderr only). Default false. */
  append?: boolean;
}

/** Where a standard stream of the child goes: a mode, a file, or an open descriptor number of the caller. */
export type StdioTarget = StdioMode | FileRedirect | number;

/**
 * A command: a string runs through `/bin/sh -c`; an array is executed directly and never passes a shell.
 *
 * **Gotchas**: everything in a string command is shell syntax, so never build one from untrusted input;
 * pass such values in an array, or interpolate them with the {@link sh} template, which quotes each one.
 */
export type Command = string | readonly string[];

/** Options shared by {@link runProcess} and {@link openProcess}. */
export interface CommonOptions {
  /** Working directory of the child. Defaults to the caller's. */
  cwd?: string | URL;
  /**
   * Variables for the child, merged over the caller's current environment (see `extendEnv`).
   * A value of `undefined` removes the variable.
   */
  env?: Record<string, string | undefined>;
  /** When false, the child gets exactly `env` and nothing of the caller's environment. Default true. */
  extendEnv?: boolean;
  /** How stdout is connected: a mode, a file or a descriptor number. Default `"pipe"`. */
  stdout?: StdioTarget;
  /** How stderr is connected, as stdout. Default `"pipe"`. `"stdout"` sends it wherever stdout goes, in order. */
  stderr?: StderrMode | FileRedirect | number;
  /** Run the child in its own session and process group (`setsid`). Default false. */
  detached?: boolean;
  /** Aborting terminates the child (see `killSignal`, `forceKillAfter`) and rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Milliseconds after which the child is terminated and the call rejects with `ProcessTimeoutError`. 0 or absent: none. */
  timeout?: number;
  /** Signal sent on timeout, abort and dispose. Default `"SIGTERM"`. */
  killSignal?: Signal;
  /** Milliseconds to wait after `killSignal` before sending SIGKILL. Default 5000. */
  forceKillAfter?: number;
  /**
   * Timeout, abort and dispose signal the child's whole process group, grandchildren included.
   * Implies a process group of its own for the child. Default false.
   */
  killTree?: boolean;
  /**
   * Terminate the child (`killSignal`, to its group with `killTree`) if it is still running when the caller
   * exits normally (`process.exit`, `Deno.exit`, the end of the program) or is ended by SIGINT, SIGTERM or
   * SIGHUP. Default true, false with `detached` (a detached child is meant to outlive its caller).
   *
   * **Gotchas.** Nothing can run when the caller is killed with SIGKILL or crashes hard: such a child is
   * orphaned. The child gets `killSignal` only, with no escalation, since the caller is on its way out.
   */
  cleanup?: boolean;
}

/** Options of {@link runProcess}. */
export interface RunOptions extends CommonOptions {
  /** Data written to the child's stdin, which is then closed. Without it stdin is `"ignore"` (the child reads EOF). */
  input?: string | Uint8Array | ReadableStream<Uint8Array>;
  /** How stdin is connected when there is no `input`: a mode, a file or a descriptor number. Default `"ignore"`. */
  stdin?: StdioTarget;
  /** Reject with `CalledProcessError` when the child exits non-zero or by a signal. Default true. */
  check?: boolean;
  /** `"utf8"` decodes stdout and stderr to strings; `"bytes"` keeps them as `Uint8Array`. Default `"utf8"`. */
  encoding?: "utf8" | "bytes";
  /** Most bytes buffered per stream; more terminates the child and rejects with `MaxBufferError`. Default 64 MiB. */
  maxBuffer?: number;
}

/** Options of {@link openProcess}. */
export interface OpenOptions extends CommonOptions {
  /** How stdin is connected: a mode, a file or a descriptor number. Default `"pipe"`. */
  stdin?: StdioTarget;
}

/** How a process ended: exactly one of the two fields is non-null. */
export interface ExitStatus {
  /** The exit code, or null when the process was ended by a signal. */
  exitCode: number | null;
  /** The signal that ended the process, or null when it exited by itself. */
  signal: Signal | null;
}

/** The result of {@link runProcess}. */
export interface CompletedProcess<Output extends string | Uint8Array = string> extends ExitStatus {
  /** The argv that was executed, shell included for string commands. */
  args: string[];
  /** Everything the child wrote to stdout (and stderr, with `stderr: "stdout"`); empty when not piped. */
  stdout: Output;
  /** Everything the child wrote to stderr; empty when not piped or merged. */
  stderr: Output;
  /** Wall time from spawn to the end of output collection, in milliseconds. */
  durationMs: number;
}

/**
 * The type of option `K` in options of type `O`: `undefined` when `O` has no such key or is `undefined`
 * (the option is not given, so its default applies). Distributes over a union of options.
 */
export type OptionOf<O, K extends string> = O extends unknown ? (K extends keyof O ? O[K] : undefined) : never;

/**
 * The type of the standard stream `K` of a {@link Process} opened with options of type `O`: `S` when piped
 * (the default of `openProcess`), `null` for `"inherit"`, `"ignore"`, a file, a descriptor and (stderr) `"stdout"`, and `S | null`
 * when the type of `O` does not tell which (a variable of the wide {@link OpenOptions} type, say).
 */
export type PipeOf<O, K extends "stdin" | "stdout" | "stderr", S> =
  OptionOf<O, K> extends infer Mode
    ? [Mode] extends [undefined | "pipe"]
      ? S
      : [Mode] extends ["inherit" | "ignore" | "stdout" | FileRedirect | number]
        ? null
        : S | null
    : never;

/**
 * The {@link Process} that {@link openProcess} resolves to when called with options of type `O`: each
 * stream typed by {@link PipeOf}, so `(await openProcess(["cat"])).stdout` is a `ReadableStream` and, with
 * `stderr: "stdout"`, `stderr` is `null`.
 */
export type OpenResult<O extends OpenOptions | undefined> = Process<
  PipeOf<O, "stdin", WritableStream<Uint8Array>>,
  PipeOf<O, "stdout", ReadableStream<Uint8Array>>,
  PipeOf<O, "stderr", ReadableStream<Uint8Array>>
>;

/**
 * A running child started by {@link openProcess}. The type parameters are the types of its three streams,
 * set from the options by {@link openProcess} (see {@link OpenResult}); a plain `Process` knows nothing of
 * its options, so each stream may be null there, and every `Process<...>` is assignable to it.
 */
export interface Process<
  Stdin extends WritableStream<Uint8Array> | null = WritableStream<Uint8Array> | null,
  Stdout extends ReadableStream<Uint8Array> | null = ReadableStream<Uint8Array> | null,
  Stderr extends ReadableStream<Uint8Array> | null = ReadableStream<Uint8Array> | null,
> extends AsyncDisposable {
  /** The child's process id. */
  readonly pid: number;
  /** The argv that was executed. */
  readonly args: readonly string[];
  /** The child's stdin, or null when not piped. Writes after the child exited reject with `BrokenPipeError`. */
  readonly stdin: Stdin;
  /** The child's stdout, or null when not piped. */
  readonly stdout: Stdout;
  /** The child's stderr, or null when not piped or merged into stdout. */
  readonly stderr: Stderr;
  /** The exit code once the child has exited by itself, else null. */
  readonly exitCode: number | null;
  /** The signal that ended the child, else null. */
  readonly signal: Signal | null;
  /**
   * Resolves when the child exits, even while a grandchild holds its pipes.
   * Rejects with `ProcessTimeoutError` after `timeout`, or with `signal.reason` after an abort.
   */
  wait(): Promise<ExitStatus>;
  /** Sends `signal`; false when the child has already exited. Never throws for an exited child. */
  sendSignal(signal: Signal): boolean;
  /** Sends SIGTERM; false when the child has already exited. */
  terminate(): boolean;
  /** Sends SIGKILL; false when the child has already exited. */
  kill(): boolean;
  /** Closes stdin, terminates a running child (escalating to SIGKILL), waits for it and releases the pipes. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The type a value of type `T` has on the other side of a structured clone, which is how toProcess sends
 * arguments and results between processes (see `toProcess.bind`). Own data properties are kept and
 * function-valued ones dropped, so a class instance arrives as a plain object of its fields, without its
 * methods; Date, RegExp, Map, Set, ArrayBuffer, typed arrays and primitives keep their type, an Error
 * arrives as an `Error` with its own properties. Functions, symbols, promises, WeakMaps and WeakSets cannot
 * be cloned (the call rejects with a TypeError), so they are `never`.
 */
export type Cloned<T> = 0 extends 1 & T
  ? T
  : T extends string | number | boolean | bigint | null | undefined
    ? T
    : T extends ((...args: never[]) => unknown) | symbol | Promise<unknown> | WeakMap<object, unknown> | WeakSet<object>
      ? never
      : T extends Date
        ? Date
        : T extends RegExp
          ? RegExp
          : T extends ArrayBuffer | ArrayBufferView
            ? T
            : T extends Map<infer K, infer V>
              ? Map<Cloned<K>, Cloned<V>>
              : T extends ReadonlyMap<infer K, infer V>
                ? ReadonlyMap<Cloned<K>, Cloned<V>>
                : T extends Set<infer V>
                  ? Set<Cloned<V>>
                  : T extends ReadonlySet<infer V>
                    ? ReadonlySet<Cloned<V>>
                    : T extends readonly unknown[]
                      ? { [I in keyof T]: Cloned<T[I]> }
                      : T extends object
                        ? (T extends Error ? Error : unknown) & {
                            [K in keyof T as K extends symbol ? never : T[K] extends (...args: never[]) => unknown ? never : K]: Cloned<
                              T[K]
                            >;
                          }
                        : T;
