/**
 * anyproc/adapter for Bun: the @anyproc/bun adapter, for binding @anyproc/core's functions or running the
 * conformance suite. Selected by the `bun` condition of this package's `exports`. Importing it loads the adapter
 * at once, which importing `anyproc` does not.
 *
 * @module anyproc/adapter
 */

export { adapter } from "@anyproc/bun";
