/**
 * @anyproc/node: anyproc on Node.js. Exports the {@link adapter} and the process functions bound to it.
 *
 * @module @anyproc/node
 */
import { bindAdapter, createToProcess } from "@anyproc/core";
import { serveIfWorker } from "./_workers.js";
import { adapter } from "./adapter.js";

/** Re-exported so that an adapter from {@link createAdapter} can be bound without importing @anyproc/core. */
export { bindAdapter } from "@anyproc/core";
export { createAdapter, type NodeAdapterOptions } from "./adapter.js";
export { adapter };

// A single executable application started as a toProcess worker serves calls from here on (see _workers.ts).
serveIfWorker();

const bound = bindAdapter(adapter);
/** Runs a command to completion on Node.js; see `RunOptions` in @anyproc/core. */
export const runProcess = bound.runProcess;
/** Starts a command on Node.js and returns a live `Process`; see `OpenOptions` in @anyproc/core. */
export const openProcess = bound.openProcess;
/** Runs a pipeline (`a | b | c`) to completion on Node.js; see `RunPipelineOptions` in @anyproc/core. */
export const runPipeline = bound.runPipeline;
/** Starts a pipeline on Node.js and returns a live `Pipeline`; see `OpenPipelineOptions` in @anyproc/core. */
export const openPipeline = bound.openPipeline;
/** Runs functions of a module in a pool of Node.js worker processes; see `ToProcess` in @anyproc/core. */
export const toProcess = createToProcess(adapter);
