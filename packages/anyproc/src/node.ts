/**
 * anyproc for Node: the core's types, errors and helpers, with runProcess and openProcess bound to
 * the @anyproc/node adapter. Selected by the `node` and `default` conditions of this package's `exports`.
 *
 * @module anyproc
 */

export { adapter, openPipeline, openProcess, runPipeline, runProcess, toProcess } from "@anyproc/node";
export * from "./_core.js";
