/**
 * anyproc for Deno: the core's types, errors and helpers, with runProcess and openProcess bound to
 * the @anyproc/deno adapter. Selected by the `deno` condition of this package's `exports`.
 */

export { adapter, openPipeline, openProcess, runPipeline, runProcess, toProcess } from "@anyproc/deno";
export * from "./_core.js";
