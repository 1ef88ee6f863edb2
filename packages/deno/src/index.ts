/**
 * @anyproc/deno: anyproc on Deno, over `Deno.Command`. Exports the {@link adapter} and the process
 * functions bound to it. The Deno process needs `--allow-run` (see the adapter's notes on permissions).
 */
import { bindAdapter } from "@anyproc/core";
import { adapter } from "./adapter.ts";

export { adapter };

/** Runs a command to completion on Deno; see `RunOptions` in @anyproc/core. */
export const runProcess = bindAdapter(adapter).runProcess;
/** Starts a command on Deno and returns a live `Process`; see `OpenOptions` in @anyproc/core. */
export const openProcess = bindAdapter(adapter).openProcess;
