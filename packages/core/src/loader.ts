/**
 * @anyproc/core/loader: the part of the core a program loads at import when its process functions load their
 * adapter at the first call (as `anyproc` does): {@link lazyProcessApi}, the error classes and the helpers
 * that need no adapter. Nothing here imports the code a call runs, so that a bundler's code splitting keeps
 * that code out of the entry (the package's index re-exports it all).
 *
 * @module @anyproc/core/loader
 */

export { lines, text } from "./decode.js";
export {
  BrokenPipeError,
  BrokenWorkerError,
  CalledProcessError,
  MaxBufferError,
  ProcessError,
  ProcessTimeoutError,
  SpawnError,
  WorkerStartError,
} from "./errors.js";
export { isProcessError } from "./is-error.js";
export { type AdapterModule, type LoadedProcessApi, lazyProcessApi } from "./lazy-api.js";
export { quote, sh } from "./sh.js";
export { isSignal, SIGNALS, type Signal } from "./signals.js";
export { WORKER_VARIABLES } from "./to-process/_protocol.js";
