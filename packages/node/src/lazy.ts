/**
 * @anyproc/node/lazy: the process functions and toProcess bound to the Node.js adapter, which is
 * loaded, with the core's process code, by the first call. What `anyproc` exports on Node: importing it
 * costs the error classes and this module, not the adapter.
 *
 * @module @anyproc/node/lazy
 */
import { startedAsWorker } from "@anyproc/channel/worker-marker";
import { lazyProcessApi } from "@anyproc/core/loader";

/** The adapter with the process functions bound to it: this package's index, with everything it imports. */
const load = () => import("./index.js");

// A single executable application started as a toProcess worker serves calls from the adapter's import on
// (see _workers.ts), so the adapter is loaded now when this process is marked as a worker. Not awaited: such
// applications are CommonJS, which has no top-level await, and the adapter's own import does not wait either.
// A worker that cannot load the adapter cannot serve, and must not go on as the program (it would not know it is
// a worker): it says why and ends, and its pool reports what it wrote.
if (startedAsWorker()) {
  load().catch((error: unknown) => {
    console.error(`anyproc worker: could not load the Node.js adapter: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

const api = lazyProcessApi(load);
/** Runs a command to completion on Node.js; see `RunOptions` in @anyproc/core. */
export const runProcess = api.runProcess;
/** Starts a command on Node.js and returns a live `Process`; see `OpenOptions` in @anyproc/core. */
export const openProcess = api.openProcess;
/** Runs a pipeline (`a | b | c`) to completion on Node.js; see `RunPipelineOptions` in @anyproc/core. */
export const runPipeline = api.runPipeline;
/** Starts a pipeline on Node.js and returns a live `Pipeline`; see `OpenPipelineOptions` in @anyproc/core. */
export const openPipeline = api.openPipeline;
/** Runs functions of a module in a pool of Node.js worker processes; see `ToProcess` in @anyproc/core. */
export const toProcess = api.toProcess;
