/**
 * The public contract of pipelines (`a | b | c`): options, results and the `Pipeline` handle. Types only.
 */
import type { Signal } from "./signals.js";
import type { Command, ExitStatus, FileRedirect, PipeOf, Process, StderrMode, StdioTarget } from "./types.js";

/**
 * One stage of a pipeline: a {@link Command}, or a command with a working directory, variables and a stderr
 * of its own (each over the pipeline's).
 */
export type Stage = Command | StageOptions;

/** A stage with options of its own. */
export interface StageOptions {
  /** The stage's command: a string runs through the platform's shell, an array never does. */
  command: Command;
  /** Working directory of this stage; default the pipeline's `cwd`. */
  cwd?: string | URL;
  /** Variables of this stage, merged over the pipeline's `env` (`undefined` removes one). */
  env?: Record<string, string | undefined>;
  /**
   * This stage's stderr; default the pipeline's `stderr`. `"stdout"` sends it into the stage's stdout, so it
   * flows to the next stage (or, from the last stage, into the pipeline's stdout), in the order written.
   */
  stderr?: StderrMode | FileRedirect | number;
}

/** Options shared by {@link runPipeline} and {@link openPipeline}; the policy options apply to the whole pipeline. */
export interface PipelineCommonOptions {
  /** Working directory of every stage that does not set its own. Default the caller's. */
  cwd?: string | URL;
  /** Variables for every stage, merged over the caller's environment (see `extendEnv`). */
  env?: Record<string, string | undefined>;
  /** When false, every stage gets exactly its `env` and nothing of the caller's. Default true. */
  extendEnv?: boolean;
  /** Stdout of the last stage: a mode, a file or a descriptor number. Default `"pipe"`. */
  stdout?: StdioTarget;
  /** Stderr of every stage that does not set its own. Default `"pipe"` (each stage's stderr apart). */
  stderr?: StderrMode | FileRedirect | number;
  /** Aborting stops every stage and rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Milliseconds after which every stage is stopped and the call rejects with `ProcessTimeoutError`. */
  timeout?: number;
  /** Signal sent to every stage on timeout, abort and dispose. Default `"SIGTERM"`. */
  killSignal?: Signal;
  /** Milliseconds after `killSignal` before SIGKILL. Default 5000. */
  forceKillAfter?: number;
  /** Timeout, abort and dispose end each stage's descendants too. Default false. */
  killTree?: boolean;
  /** Stop every stage still running when the caller exits. Default true. */
  cleanup?: boolean;
}

/** Options of {@link runPipeline}. */
export interface RunPipelineOptions extends PipelineCommonOptions {
  /** Written to the first stage's stdin, which is then closed. Without it that stdin is `"ignore"`. */
  input?: string | Uint8Array | ReadableStream<Uint8Array>;
  /** The first stage's stdin when there is no `input`: a mode, a file or a descriptor number. Default `"ignore"`. */
  stdin?: StdioTarget;
  /**
   * Reject with `CalledProcessError` when a stage fails (`pipefail`): a non-zero exit or a signal, except a
   * stage before the last ended by SIGPIPE, which its reader's exit brings (as `yes | head -1` ends `yes`), and
   * on Windows a stage anyproc ended because the stage after it had exited. Default true.
   */
  check?: boolean;
  /** `"utf8"` decodes the collected output to strings; `"bytes"` keeps `Uint8Array`. Default `"utf8"`. */
  encoding?: "utf8" | "bytes";
  /** Most bytes collected per stream (the last stage's stdout, each stderr). Default 64 MiB. */
  maxBuffer?: number;
}

/** Options of {@link openPipeline}. */
export interface OpenPipelineOptions extends PipelineCommonOptions {
  /** The first stage's stdin: a mode, a file or a descriptor number. Default `"pipe"`. */
  stdin?: StdioTarget;
}

/** How one stage of a completed pipeline ended, and its stderr. */
export interface StageResult<Output extends string | Uint8Array = string> extends ExitStatus {
  /** The argv that was executed, shell included for string commands. */
  args: string[];
  /** What the stage wrote to stderr; empty when not piped or merged. */
  stderr: Output;
}

/** The result of {@link runPipeline}. */
export interface CompletedPipeline<Output extends string | Uint8Array = string> {
  /** What the last stage wrote to stdout; empty when not piped. */
  stdout: Output;
  /** Every stage, in order. */
  stages: StageResult<Output>[];
  /** Wall time from the first spawn to the end of output collection, in milliseconds. */
  durationMs: number;
}

/**
 * A running pipeline started by {@link openPipeline}: the first stage's stdin and the last stage's stdout,
 * typed from the options as {@link OpenPipelineResult} says, and every stage as a {@link Process}.
 */
export interface Pipeline<
  Stdin extends WritableStream<Uint8Array> | null = WritableStream<Uint8Array> | null,
  Stdout extends ReadableStream<Uint8Array> | null = ReadableStream<Uint8Array> | null,
> extends AsyncDisposable {
  /** The first stage's stdin, or null when not piped. */
  readonly stdin: Stdin;
  /** The last stage's stdout, or null when not piped. */
  readonly stdout: Stdout;
  /** Every stage, in order; a stage's `stderr` is its piped stderr, its stdin and stdout are null between stages. */
  readonly stages: readonly Process[];
  /**
   * Resolves with every stage's exit status, in order, once all have exited. Rejects with
   * `ProcessTimeoutError` after `timeout`, or with `signal.reason` after an abort.
   */
  wait(): Promise<ExitStatus[]>;
  /** Sends SIGTERM to every stage still running; false when none was. */
  terminate(): boolean;
  /** Sends SIGKILL to every stage still running; false when none was. */
  kill(): boolean;
  /** Closes stdin, stops every stage still running (escalating to SIGKILL), waits for all and releases the pipes. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** The {@link Pipeline} that {@link openPipeline} resolves to with options of type `O` (see {@link PipeOf}). */
export type OpenPipelineResult<O extends OpenPipelineOptions | undefined> = Pipeline<
  PipeOf<O, "stdin", WritableStream<Uint8Array>>,
  PipeOf<O, "stdout", ReadableStream<Uint8Array>>
>;
