/**
 * The error classes of anyproc. Every class extends `ProcessError`, sets `name` to its own class name and
 * names the command (and the offending value) in its message.
 */
import type { Signal } from "./signals.js";
import type { ExitStatus } from "./types.js";

/** The base class of every error anyproc raises for a process (argument errors are TypeError/RangeError). */
export class ProcessError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No child was started: the executable or the cwd is missing, not executable, or the runtime forbids it. */
export class SpawnError extends ProcessError {
  /** Errno name (`ENOENT`, `EACCES`, ...) or `ENOTCAPABLE` when Deno lacks `--allow-run`. */
  readonly code: string;
  /** The argv that could not be started. */
  readonly args: string[];
  /** The working directory requested, if any. */
  readonly cwd: string | undefined;
  constructor(message: string, fields: { code: string; args: string[]; cwd: string | undefined; cause?: unknown }) {
    super(message, { cause: fields.cause });
    this.code = fields.code;
    this.args = fields.args;
    this.cwd = fields.cwd;
  }
}

/** Fields shared by the errors that describe a child that ran. */
export interface ProcessOutcome<Output = string | Uint8Array> {
  /** The argv that was executed, shell included for string commands. */
  args: string[];
  /** The exit code, or null when the child was ended by a signal. */
  exitCode: number | null;
  /** The signal that ended the child, or null when it exited by itself. */
  signal: Signal | null;
  /** What the child wrote to stdout before the failure (a `Uint8Array` with `encoding: "bytes"`). */
  stdout: Output;
  /** What the child wrote to stderr before the failure (a `Uint8Array` with `encoding: "bytes"`). */
  stderr: Output;
  /**
   * From a pipeline: every stage's status and stderr, in order (the fields above are the failed stage's, and
   * `stdout` the pipeline's). Undefined for a single process.
   */
  stages?: StageOutcome<Output>[];
}

/** How one stage of a pipeline ended, as a pipeline's error carries it. */
export interface StageOutcome<Output = string | Uint8Array> extends ExitStatus {
  /** The argv that was executed. */
  args: string[];
  /** What the stage wrote to stderr (undefined from `Pipeline.wait()`, which collects nothing). */
  stderr: Output;
}

/**
 * A base for errors carrying what the child did before the failure. `O` is the type of `stdout` and
 * `stderr`: `string` for the default encoding, `Uint8Array` with `encoding: "bytes"`.
 */
abstract class OutcomeError<O extends string | Uint8Array | undefined = string | Uint8Array>
  extends ProcessError
  implements ProcessOutcome<O>
{
  /**
   * Types `error instanceof SomeError` as `SomeError` with output `string | Uint8Array` rather than with
   * output `any`: which encoding the failed call used is not known where the error is caught. Narrow with
   * `typeof error.stderr === "string"`. A declaration only: `instanceof` itself is the language's own.
   */
  declare static readonly [Symbol.hasInstance]: <T>(this: abstract new (...args: never) => T, value: unknown) => value is T;
  /** The argv that was executed, shell included for string commands. */
  readonly args: string[];
  /** The exit code, or null when the child was ended by a signal. */
  readonly exitCode: number | null;
  /** The signal that ended the child, or null when it exited by itself. */
  readonly signal: Signal | null;
  /** What the child wrote to stdout before the failure (a `Uint8Array` with `encoding: "bytes"`). */
  readonly stdout: O;
  /** What the child wrote to stderr before the failure (a `Uint8Array` with `encoding: "bytes"`). */
  readonly stderr: O;
  /** From a pipeline: every stage's status and stderr, in order; undefined for a single process. */
  declare readonly stages?: StageOutcome<O>[];
  constructor(message: string, outcome: ProcessOutcome<O>, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.args = outcome.args;
    this.exitCode = outcome.exitCode;
    this.signal = outcome.signal;
    this.stdout = outcome.stdout;
    this.stderr = outcome.stderr;
    if (outcome.stages !== undefined) this.stages = outcome.stages;
  }
}

/**
 * `check` is on and the child exited non-zero or was ended by a signal. `O` is the type of `stdout` and
 * `stderr`; `error instanceof CalledProcessError` gives `string | Uint8Array`, so narrow before using them
 * as text:
 *
 * ```ts
 * if (error instanceof CalledProcessError && typeof error.stderr === "string") console.error(error.stderr.trim());
 * ```
 */
export class CalledProcessError<O extends string | Uint8Array = string | Uint8Array> extends OutcomeError<O> {}

/**
 * The child ran longer than `timeout` and was terminated. From `runProcess`, `stdout`/`stderr` hold the
 * partial output, of type `O` (narrow as for {@link CalledProcessError}); from `Process.wait()` they are
 * undefined, as anyproc collected nothing: the caller read the pipes.
 */
export class ProcessTimeoutError<O extends string | Uint8Array | undefined = string | Uint8Array | undefined> extends OutcomeError<O> {
  /** The timeout that expired, in milliseconds. */
  readonly timeout: number;
  constructor(message: string, outcome: ProcessOutcome<O>, timeout: number) {
    super(message, outcome);
    this.timeout = timeout;
  }
}

/**
 * A stream exceeded `maxBuffer`; the child was terminated and the output, of type `O` (narrow as for
 * {@link CalledProcessError}), is truncated to `maxBuffer` bytes.
 */
export class MaxBufferError<O extends string | Uint8Array = string | Uint8Array> extends OutcomeError<O> {
  /** Which stream overflowed. */
  readonly stream: "stdout" | "stderr";
  /** The limit in bytes. */
  readonly maxBuffer: number;
  constructor(message: string, outcome: ProcessOutcome<O>, stream: "stdout" | "stderr", maxBuffer: number) {
    super(message, outcome);
    this.stream = stream;
    this.maxBuffer = maxBuffer;
  }
}

/** A write to a child's stdin after the child exited or closed its end of the pipe. */
export class BrokenPipeError extends ProcessError {
  /** Always `"EPIPE"`. */
  readonly code = "EPIPE";
}

/** A toProcess worker died (exit, fatal signal, out of memory) while running a call. */
export class BrokenWorkerError extends ProcessError {
  /** The worker's exit code, if it exited. */
  readonly exitCode: number | null;
  /** The signal that ended the worker, if any. */
  readonly signal: Signal | null;
  constructor(message: string, fields: { exitCode: number | null; signal: Signal | null; cause?: unknown }) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.exitCode = fields.exitCode;
    this.signal = fields.signal;
  }
}

/**
 * A toProcess worker that ended before it connected to its pool: it never ran the call, which is rejected
 * with this error (and so is every call queued behind it). Its message ends with the last lines the worker
 * wrote to its stderr, which say why (a runtime refusing a flag, a program failing before it connected); they
 * also reached the caller's stderr as they were written.
 */
export class WorkerStartError extends BrokenWorkerError {}

/**
 * Every error class by name. Each class's prototype carries its name under {@link ERROR_KIND}, so that
 * `isProcessError` recognises an error made by any installed copy of `@anyproc/core`, where `instanceof`
 * sees only its own copy's classes.
 */
export const ERROR_CLASSES = {
  ProcessError,
  SpawnError,
  CalledProcessError,
  ProcessTimeoutError,
  MaxBufferError,
  BrokenPipeError,
  BrokenWorkerError,
  WorkerStartError,
} as const;

/** The name of one of anyproc's error classes. */
export type ErrorKind = keyof typeof ERROR_CLASSES;

/** The prototype key naming an error class: a string, the same in every copy (and kept by minifiers). */
export const ERROR_KIND = "anyprocErrorKind";

for (const [kind, errorClass] of Object.entries(ERROR_CLASSES)) {
  Object.defineProperty(errorClass.prototype, ERROR_KIND, { value: kind });
}
