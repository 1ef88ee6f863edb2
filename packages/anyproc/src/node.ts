/**
 * anyproc for Node: the core's types, errors and helpers, with the process functions and toProcess bound to the
 * @anyproc/node adapter, which their first call loads (see @anyproc/node/lazy). Selected by the `node` and
 * `default` conditions of this package's `exports`. The adapter object itself is `anyproc/adapter`.
 *
 * @module anyproc
 */

export { openPipeline, openProcess, runPipeline, runProcess, toProcess } from "@anyproc/node/lazy";
export * from "./_core.js";
