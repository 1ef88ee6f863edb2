/**
 * anyproc/adapter for Node: the @anyproc/node adapter, for binding @anyproc/core's functions or running the
 * conformance suite. Selected by the `node` and `default` conditions of this package's `exports`. Importing it
 * loads the adapter at once, which importing `anyproc` does not.
 *
 * @module anyproc/adapter
 */

export { adapter } from "@anyproc/node";
