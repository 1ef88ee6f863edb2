/** Binding the core functions to one adapter: what each adapter package and `anyproc` export. */
import type { ProcessAdapter } from "./adapter.js";
import { openProcess } from "./open-process.js";
import { type RunResult, runProcess } from "./run-process.js";
import type { Command, OpenOptions, OpenResult, Process, RunOptions } from "./types.js";

/** `runProcess` and `openProcess` bound to one adapter. */
export interface BoundProcessApi {
  /** Runs `command` to completion and collects its output. See {@link RunOptions}. */
  runProcess<O extends RunOptions | undefined = undefined>(command: Command, options?: O): Promise<RunResult<O>>;
  /** Starts `command` and returns a live {@link Process}, its piped streams typed non-null. See {@link OpenOptions}. */
  openProcess<O extends OpenOptions | undefined = undefined>(command: Command, options?: O): Promise<OpenResult<O>>;
}

/** Returns the process functions bound to `adapter`. */
export function bindAdapter(adapter: ProcessAdapter): BoundProcessApi {
  return {
    runProcess: (command, options) => runProcess(adapter, command, options),
    openProcess: (command, options) => openProcess(adapter, command, options),
  };
}
