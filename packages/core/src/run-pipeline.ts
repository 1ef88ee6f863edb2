/** runPipeline: run `a | b | c` to completion and collect the last stage's stdout and every stage's stderr. */

import { Collector, collected } from "./_collect.js";
import { outcomeError } from "./_outcome.js";
import { planRunPipeline, type RunPipelinePlan } from "./_pipeline-options.js";
import { shellFor } from "./_spawn.js";
import { type Stages, startStages } from "./_stages.js";
import { feed } from "./_streams.js";
import type { ProcessAdapter } from "./adapter.js";
import type { StageOutcome } from "./errors.js";
import type { CompletedPipeline, RunPipelineOptions, Stage, StageResult } from "./pipeline-types.js";
import type { RunOutput } from "./run-process.js";

/** What {@link runPipeline} resolves to with options of type `O`: its output typed as {@link RunOutput} says. */
export type RunPipelineResult<O extends RunPipelineOptions | undefined> = CompletedPipeline<RunOutput<O>>;

/**
 * Runs `stages` as one pipeline (each stage's stdout is the next one's stdin) with `adapter`, to completion,
 * and resolves with the last stage's stdout and every stage's status and stderr. See
 * {@link RunPipelineOptions}; with `check` (the default) a failed stage rejects the call (`pipefail`).
 */
export async function runPipeline<O extends RunPipelineOptions | undefined = undefined>(
  adapter: ProcessAdapter,
  stages: readonly Stage[],
  options?: O,
): Promise<RunPipelineResult<O>> {
  const plan = planRunPipeline(stages, options, shellFor(adapter));
  plan.policy.signal?.throwIfAborted();
  const began = performance.now();
  const run = await startStages(adapter, plan);
  const stopForOverflow = () => run.stopAll("maxBuffer");
  const last = run.list[run.list.length - 1];
  const out = last?.stdout ? new Collector(last.stdout.stream, plan.maxBuffer, stopForOverflow) : null;
  const errs = run.list.map((stage) => (stage.stderr ? new Collector(stage.stderr.stream, plan.maxBuffer, stopForOverflow) : null));
  const first = run.list[0];
  if (first?.stdin) feed(first.stdin, plan.input);

  await run.exited();
  await Promise.all([out?.settle(), ...errs.map((c) => c?.settle())]);
  await run.release();
  const stdout = collected(plan.encoding, out);
  const results: StageResult<string | Uint8Array>[] = run.list.map((stage, index) => ({
    args: stage.plan.args,
    exitCode: stage.supervisor.status?.exitCode ?? null,
    signal: stage.supervisor.status?.signal ?? null,
    stderr: collected(plan.encoding, errs[index] ?? null),
  }));
  const error = pipelineError(run, plan, results, stdout, out, errs);
  if (error !== null) throw error;
  return { stdout, stages: results, durationMs: performance.now() - began } as RunPipelineResult<O>;
}

/** The error the call rejects with, or null: abort, timeout, overflow, then the first failed stage with `check`. */
function pipelineError(
  run: Stages,
  plan: RunPipelinePlan,
  results: StageResult<string | Uint8Array>[],
  stdout: string | Uint8Array,
  out: Collector | null,
  errs: (Collector | null)[],
): unknown {
  const { reason } = run;
  const stages: StageOutcome<string | Uint8Array>[] = results.map((result) => ({ ...result, args: [...result.args] }));
  const overflowed = errs.findIndex((c) => c?.overflowed);
  const lastIndex = results.length - 1;
  // The stage the error is about: the one that overflowed, else the first that failed, else the last.
  let index = lastIndex;
  if (reason === "maxBuffer") index = out?.overflowed ? lastIndex : Math.max(overflowed, 0);
  else if (reason === null) {
    index = results.findIndex((_, i) => run.failed(i));
    if (index === -1) return null;
  }
  const stage = results[index] as StageResult<string | Uint8Array>;
  const output = { stdout, stderr: stage.stderr, overflowed: reason === "maxBuffer" && !out?.overflowed ? "stderr" : "stdout" } as const;
  const judgement = { policy: plan.policy, check: plan.check, maxBuffer: plan.maxBuffer };
  return outcomeError({ ...stage, reason, output, pipeline: { text: plan.text, index, stages } }, judgement);
}
