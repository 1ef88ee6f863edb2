/**
 * anyproc for Bun: the core's types, errors and helpers, with runProcess and openProcess bound to
 * the @anyproc/bun adapter. Selected by the `bun` condition of this package's `exports`.
 */

export { adapter, openPipeline, openProcess, runPipeline, runProcess, toProcess } from "@anyproc/bun";
export * from "./_core.js";
