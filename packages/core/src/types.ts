/**
 * The public contract of anyproc: options, results and the `Process` handle. Types only.
 */
import type { Signal } from "./signals.js";

/** How a standard stream of the child is connected. */
export type StdioMode = "pipe" | "inherit" | "ignore";

/** How the child's stderr is connected; `"stdout"` shares stdout's pipe so the order of writes is kept. */
export type StderrMode = StdioMode | "stdout";

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
  /** How stdout is connected. Default `"pipe"`. */
  stdout?: StdioMode;
  /** How stderr is connected. Default `"pipe"`. `"stdout"` merges it into stdout's pipe. */
  stderr?: StderrMode;
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
  /** How stdin is connected when there is no `input`. Default `"ignore"`. */
  stdin?: StdioMode;
  /** Reject with `CalledProcessError` when the child exits non-zero or by a signal. Default true. */
  check?: boolean;
  /** `"utf8"` decodes stdout and stderr to strings; `"bytes"` keeps them as `Uint8Array`. Default `"utf8"`. */
  encoding?: "utf8" | "bytes";
  /** Most bytes buffered per stream; more terminates the child and rejects with `MaxBufferError`. Default 64 MiB. */
  maxBuffer?: number;
}

/** Options of {@link openProcess}. */
export interface OpenOptions extends CommonOptions {
  /** How stdin is connected. Default `"pipe"`. */
  stdin?: StdioMode;
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

/** A running child started by {@link openProcess}. */
export interface Process extends AsyncDisposable {
  /** The child's process id. */
  readonly pid: number;
  /** The argv that was executed. */
  readonly args: readonly string[];
  /** The child's stdin, or null when not piped. Writes after the child exited reject with `BrokenPipeError`. */
  readonly stdin: WritableStream<Uint8Array> | null;
  /** The child's stdout, or null when not piped. */
  readonly stdout: ReadableStream<Uint8Array> | null;
  /** The child's stderr, or null when not piped or merged into stdout. */
  readonly stderr: ReadableStream<Uint8Array> | null;
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
