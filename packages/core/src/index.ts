/**
 * @anyproc/core: the runtime-free contract of anyproc and every policy, written once over
 * {@link ProcessAdapter}. Adapter packages bind these functions to a runtime.
 *
 * @module @anyproc/core
 */

export { DEFAULT_FORCE_KILL_AFTER, DEFAULT_MAX_BUFFER } from "./_options.js";
export { streamOf } from "./_streams.js";
export type {
  AdapterLoader,
  ChannelListener,
  EnvRequest,
  FileAccess,
  OpenedDescriptor,
  OpenedFile,
  OpenedReadable,
  OpenedWritable,
  PathKind,
  ProcessAdapter,
  ReleasableStream,
  RuntimeName,
  ScriptSupport,
  SpawnedChild,
  SpawnFailure,
  SpawnRequest,
  StdioDescriptors,
  StdoutLink,
  WindowsSupport,
  WorkerChannel,
  WorkerCommand,
  WorkerSupport,
} from "./adapter.js";
export { type BoundProcessApi, bindAdapter } from "./bind.js";
export { lines, text } from "./decode.js";
export { LIBUV_REQUIRED_ENV, materializeEnv } from "./env.js";
export {
  BrokenPipeError,
  BrokenWorkerError,
  CalledProcessError,
  type ErrorKind,
  MaxBufferError,
  ProcessError,
  type ProcessOutcome,
  ProcessTimeoutError,
  SpawnError,
  type StageOutcome,
  WorkerStartError,
} from "./errors.js";
export { isProcessError } from "./is-error.js";
export { type AdapterModule, type LoadedProcessApi, lazyProcessApi } from "./lazy-api.js";
export { openPipeline } from "./open-pipeline.js";
export { openProcess } from "./open-process.js";
export type {
  CompletedPipeline,
  OpenPipelineOptions,
  OpenPipelineResult,
  Pipeline,
  PipelineCommonOptions,
  RunPipelineOptions,
  Stage,
  StageOptions,
  StageResult,
} from "./pipeline-types.js";
export { type RunPipelineResult, runPipeline } from "./run-pipeline.js";
export { type RunOutput, type RunResult, runProcess } from "./run-process.js";
export { quote, type ShValue, sh } from "./sh.js";
export { isSignal, SIGNALS, type Signal } from "./signals.js";
export {
  type BoundModule,
  type CallOptions,
  createToProcess,
  type PoolOptions,
  serveWorker,
  type ToProcess,
  WORKER_VARIABLES,
  type WorkerPool,
} from "./to-process/index.js";
export type {
  Cloned,
  Command,
  CommonOptions,
  CompletedProcess,
  ExitStatus,
  FileRedirect,
  OpenOptions,
  OpenResult,
  OptionOf,
  PipeOf,
  Process,
  RunOptions,
  StderrMode,
  StdioMode,
  StdioTarget,
} from "./types.js";
