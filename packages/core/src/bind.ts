/** Binding the core functions to one adapter: what each adapter package and `anyproc` export. */
import type { ProcessAdapter } from "./adapter.js";
import { openPipeline } from "./open-pipeline.js";
import { openProcess } from "./open-process.js";
import type { OpenPipelineOptions, OpenPipelineResult, Pipeline, RunPipelineOptions, Stage } from "./pipeline-types.js";
import { type RunPipelineResult, runPipeline } from "./run-pipeline.js";
import { type RunResult, runProcess } from "./run-process.js";
import type { Command, OpenOptions, OpenResult, Process, RunOptions } from "./types.js";

/** `runProcess`, `openProcess`, `runPipeline` and `openPipeline` bound to one adapter. */
export interface BoundProcessApi {
  /** Runs `command` to completion and collects its output. See {@link RunOptions}. */
  runProcess<O extends RunOptions | undefined = undefined>(command: Command, options?: O): Promise<RunResult<O>>;
  /** Starts `command` and returns a live {@link Process}, its piped streams typed non-null. See {@link OpenOptions}. */
  openProcess<O extends OpenOptions | undefined = undefined>(command: Command, options?: O): Promise<OpenResult<O>>;
  /**
   * Runs `stages` as one pipeline (`a | b | c`) to completion: the last stage's stdout, every stage's status
   * and stderr; a failed stage rejects (`pipefail`). See {@link RunPipelineOptions}.
   */
  runPipeline<O extends RunPipelineOptions | undefined = undefined>(stages: readonly Stage[], options?: O): Promise<RunPipelineResult<O>>;
  /** Starts `stages` as one pipeline and returns a live {@link Pipeline}. See {@link OpenPipelineOptions}. */
  openPipeline<O extends OpenPipelineOptions | undefined = undefined>(
    stages: readonly Stage[],
    options?: O,
  ): Promise<OpenPipelineResult<O>>;
}

/** Returns the process functions bound to `adapter`. */
export function bindAdapter(adapter: ProcessAdapter): BoundProcessApi {
  return {
    runProcess: (command, options) => runProcess(adapter, command, options),
    openProcess: (command, options) => openProcess(adapter, command, options),
    runPipeline: (stages, options) => runPipeline(adapter, stages, options),
    openPipeline: (stages, options) => openPipeline(adapter, stages, options),
  };
}
