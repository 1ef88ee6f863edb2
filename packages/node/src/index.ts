/**
 * @anyproc/node: anyproc on Node.js. Exports the {@link adapter} and the process functions bound to it.
 */
import { bindAdapter } from "@anyproc/core";
import { adapter } from "./adapter.js";

export { adapter };

/** Runs a command to completion on Node.js; see `RunOptions` in @anyproc/core. */
export const runProcess = bindAdapter(adapter).runProcess;
/** Starts a command on Node.js and returns a live `Process`; see `OpenOptions` in @anyproc/core. */
export const openProcess = bindAdapter(adapter).openProcess;
