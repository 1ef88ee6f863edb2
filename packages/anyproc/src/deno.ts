/**
 * anyproc for Deno: the core's types, errors and helpers, with the process functions and toProcess bound to the
 * @anyproc/deno adapter, which their first call loads (see @anyproc/deno/lazy). Selected by the `deno` condition
 * of this package's `exports`. The adapter object itself is `anyproc/adapter`.
 *
 * @module anyproc
 */

export { openPipeline, openProcess, runPipeline, runProcess, toProcess } from "@anyproc/deno/lazy";
export * from "./_core.js";
