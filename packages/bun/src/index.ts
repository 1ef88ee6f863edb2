/**
 * @anyproc/bun: anyproc on Bun. Exports the {@link adapter} and the process functions bound to it.
 *
 * @module @anyproc/bun
 */
import { bindAdapter, createToProcess } from "@anyproc/core";
import { serveIfWorker } from "./_workers.js";
import { adapter } from "./adapter.js";

export { adapter };

// A single-file binary started as a toProcess worker serves calls here and never gets past this line, so the
// program importing anyproc does not run in its workers (see _workers.ts).
await serveIfWorker();

const bound = bindAdapter(adapter);
/** Runs a command to completion on Bun; see `RunOptions` in @anyproc/core. */
export const runProcess = bound.runProcess;
/** Starts a command on Bun and returns a live `Process`; see `OpenOptions` in @anyproc/core. */
export const openProcess = bound.openProcess;
/** Runs a pipeline (`a | b | c`) to completion on Bun; see `RunPipelineOptions` in @anyproc/core. */
export const runPipeline = bound.runPipeline;
/** Starts a pipeline on Bun and returns a live `Pipeline`; see `OpenPipelineOptions` in @anyproc/core. */
export const openPipeline = bound.openPipeline;
/** Runs functions of a module in a pool of Bun worker processes; see `ToProcess` in @anyproc/core. */
export const toProcess = createToProcess(adapter);
