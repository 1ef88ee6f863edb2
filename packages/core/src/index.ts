/**
 * @anyproc/core: the runtime-free contract of anyproc and every policy, written once over
 * {@link ProcessAdapter}. Adapter packages bind these functions to a runtime.
 */
export type { Command, CommonOptions, CompletedProcess, ExitStatus, OpenOptions, Process, RunOptions, StderrMode, StdioMode } from "./types.js";
export type { EnvRequest, ProcessAdapter, RuntimeName, SpawnFailure, SpawnRequest, SpawnedChild } from "./adapter.js";
export { SIGNALS, isSignal, type Signal } from "./signals.js";
export {
  BrokenPipeError,
  BrokenWorkerError,
  CalledProcessError,
  MaxBufferError,
  ProcessError,
  ProcessTimeoutError,
  SpawnError,
  type ProcessOutcome,
} from "./errors.js";
export { lines, text } from "./decode.js";
export { quote, sh } from "./sh.js";
export { materializeEnv } from "./env.js";
export { runProcess, type RunResult } from "./run-process.js";
export { openProcess } from "./open-process.js";
export { bindAdapter, type BoundProcessApi } from "./bind.js";
export { DEFAULT_FORCE_KILL_AFTER, DEFAULT_MAX_BUFFER } from "./_options.js";
export type { WorkerChannel, ChannelListener, ScriptSupport, WorkerSupport } from "./adapter.js";
export { createToProcess, serveWorker, type BoundModule, type CallOptions, type PoolOptions, type ToProcess, type WorkerPool } from "./to-process/index.js";
