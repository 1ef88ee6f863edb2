/** openPipeline: start `a | b | c` and hand back a live {@link Pipeline} whose ends the caller drives. */

import { asyncDispose, ChildProcess } from "./_child-process.js";
import { outcomeError } from "./_outcome.js";
import { type PipelinePlan, planOpenPipeline } from "./_pipeline-options.js";
import { shellFor } from "./_spawn.js";
import { type Stages, startStages } from "./_stages.js";
import type { ProcessAdapter } from "./adapter.js";
import type { OpenPipelineOptions, OpenPipelineResult, Pipeline, Stage } from "./pipeline-types.js";
import type { ExitStatus, Process } from "./types.js";

/**
 * Starts `stages` as one pipeline with `adapter` and resolves once every stage is running. Rejects with the
 * `SpawnError` of a stage that cannot start (the stages started before it are stopped first), and with
 * `signal.reason` when `signal` is aborted. Its `stdin` and `stdout` are typed from the options
 * ({@link OpenPipelineResult}).
 */
export async function openPipeline<O extends OpenPipelineOptions | undefined = undefined>(
  adapter: ProcessAdapter,
  stages: readonly Stage[],
  options?: O,
): Promise<OpenPipelineResult<O>> {
  const plan = planOpenPipeline(stages, options, shellFor(adapter));
  plan.policy.signal?.throwIfAborted();
  const run = await startStages(adapter, plan);
  // The ends are non-null exactly when the plan says "pipe", which is what OpenPipelineResult<O> computes from O.
  return new RunningPipeline(plan, run) as Pipeline as OpenPipelineResult<O>;
}

class RunningPipeline implements Pipeline {
  readonly stdin: WritableStream<Uint8Array> | null;
  readonly stdout: ReadableStream<Uint8Array> | null;
  readonly stages: readonly Process[];

  constructor(
    private readonly plan: PipelinePlan,
    private readonly run: Stages,
  ) {
    this.stages = run.list.map((stage) => new ChildProcess(stage.child.pid, stage.plan, stage.supervisor, stage));
    this.stdin = run.list[0]?.stdin?.stream ?? null;
    this.stdout = run.list[run.list.length - 1]?.stdout?.stream ?? null;
  }

  async wait(): Promise<ExitStatus[]> {
    const statuses = await this.run.exited();
    const { reason } = this.run;
    if (reason === "abort" || reason === "timeout") {
      const index = statuses.length - 1;
      const stages = this.run.list.map((stage, i) => ({ args: [...stage.plan.args], ...(statuses[i] as ExitStatus), stderr: undefined }));
      const last = this.run.list[index];
      const ending = {
        ...(statuses[index] as ExitStatus),
        args: last?.plan.args ?? [],
        reason,
        pipeline: { text: this.plan.text, index, stages },
      };
      throw outcomeError(ending, { policy: this.plan.policy, check: false });
    }
    return statuses.map((status) => ({ ...status }));
  }

  terminate(): boolean {
    return this.run.send("SIGTERM");
  }

  kill(): boolean {
    return this.run.send("SIGKILL");
  }

  async [asyncDispose](): Promise<void> {
    const closing = this.run.list[0]?.stdin?.release();
    this.run.stopAll("dispose");
    await this.run.exited();
    await closing;
    await this.run.release();
  }
}
