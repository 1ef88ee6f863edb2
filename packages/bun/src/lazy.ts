/**
 * @anyproc/bun/lazy: the process functions and toProcess bound to the Bun adapter, which is loaded,
 * with the core's process code, by the first call. What `anyproc` exports on Bun: importing it costs the
 * error classes and this module, not the adapter.
 *
 * @module @anyproc/bun/lazy
 */
import { startedAsWorker } from "@anyproc/channel/worker-marker";
import { lazyProcessApi } from "@anyproc/core/loader";

/** The adapter with the process functions bound to it: this package's index, with everything it imports. */
const load = () => import("./index.js");

// A single-file binary started as a toProcess worker serves calls at the adapter's import and never gets past
// it (see _workers.ts), so when this process is marked as a worker the adapter is loaded here and awaited: the
// program importing anyproc does not run in its workers.
if (startedAsWorker()) await load();

const api = lazyProcessApi(load);
/** Runs a command to completion on Bun; see `RunOptions` in @anyproc/core. */
export const runProcess = api.runProcess;
/** Starts a command on Bun and returns a live `Process`; see `OpenOptions` in @anyproc/core. */
export const openProcess = api.openProcess;
/** Runs a pipeline (`a | b | c`) to completion on Bun; see `RunPipelineOptions` in @anyproc/core. */
export const runPipeline = api.runPipeline;
/** Starts a pipeline on Bun and returns a live `Pipeline`; see `OpenPipelineOptions` in @anyproc/core. */
export const openPipeline = api.openPipeline;
/** Runs functions of a module in a pool of Bun worker processes; see `ToProcess` in @anyproc/core. */
export const toProcess = api.toProcess;
