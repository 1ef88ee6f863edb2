/**
 * @anyproc/deno: anyproc on Deno, over `Deno.Command`. Exports the {@link adapter} and the process
 * functions bound to it. The Deno process needs `--allow-run` (see the adapter's notes on permissions).
 *
 * @module @anyproc/deno
 */
import { bindAdapter, createToProcess } from "@anyproc/core";
import { serveIfWorker } from "./_workers.ts";
import { adapter } from "./adapter.ts";

export { adapter };

// A single-file binary started as a toProcess worker serves calls here and never gets past this line, so the
// program importing anyproc does not run in its workers (see _workers.ts).
await serveIfWorker();

const bound = bindAdapter(adapter);
/** Runs a command to completion on Deno; see `RunOptions` in @anyproc/core. */
export const runProcess = bound.runProcess;
/** Starts a command on Deno and returns a live `Process`; see `OpenOptions` in @anyproc/core. */
export const openProcess = bound.openProcess;
/** Runs a pipeline (`a | b | c`) to completion on Deno; see `RunPipelineOptions` in @anyproc/core. */
export const runPipeline = bound.runPipeline;
/** Starts a pipeline on Deno and returns a live `Pipeline`; see `OpenPipelineOptions` in @anyproc/core. */
export const openPipeline = bound.openPipeline;
/** Runs functions of a module in a pool of Deno worker processes (with the caller's permissions); see `ToProcess`. */
export const toProcess = createToProcess(adapter);
