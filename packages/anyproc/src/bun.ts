/**
 * anyproc for Bun: the core's types, errors and helpers, with the process functions and toProcess bound to the
 * @anyproc/bun adapter, which their first call loads (see @anyproc/bun/lazy). Selected by the `bun` condition of
 * this package's `exports`. The adapter object itself is `anyproc/adapter`.
 *
 * @module anyproc
 */

export { openPipeline, openProcess, runPipeline, runProcess, toProcess } from "@anyproc/bun/lazy";
export * from "./_core.js";
