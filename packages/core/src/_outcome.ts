/**
 * From how a child ended to what the call does: the one place that turns core's stop reason and the exit
 * status into the error a call rejects with, and words its message.
 */
import { formatCommand, formatStatus, tail } from "./_format.js";
import type { Policy } from "./_options.js";
import type { StopReason } from "./_supervisor.js";
import { CalledProcessError, MaxBufferError, ProcessTimeoutError, type StageOutcome } from "./errors.js";
import type { ExitStatus } from "./types.js";

/** How a child ended, and what of its output core collected (none for `openProcess`, whose caller reads the pipes). */
export interface Ending<O extends string | Uint8Array> extends ExitStatus {
  readonly args: readonly string[];
  /** Why core stopped the child, or null when it ended by itself. */
  readonly reason: StopReason | null;
  /** The collected output, or undefined when core collected none. */
  readonly output?: { readonly stdout: O; readonly stderr: O; readonly overflowed: "stdout" | "stderr" };
  /** For a stage of a pipeline: which one, and every stage's outcome (the error carries them as `stages`). */
  readonly pipeline?: PipelinePlace<O>;
}

/** Where an ending sits in a pipeline. */
export interface PipelinePlace<O extends string | Uint8Array> {
  /** The pipeline as a line: `a | b | c`. */
  readonly text: string;
  /** The stage's index, from 0. */
  readonly index: number;
  /** Every stage's outcome, in order (stderr undefined where core collected none). */
  readonly stages: StageOutcome<O | undefined>[];
}

/** What decides whether an ending is a failure: the call's policy, and for `runProcess` `check` and `maxBuffer`. */
export interface Judgement {
  readonly policy: Policy;
  readonly check: boolean;
  readonly maxBuffer?: number;
}

/**
 * The error the call rejects with for `ending`, or null when it resolves: `signal.reason` when aborted,
 * {@link ProcessTimeoutError} when the timeout expired, {@link MaxBufferError} when a stream overflowed, and
 * {@link CalledProcessError} with `check` for a non-zero exit or a signal death.
 */
export function outcomeError<O extends string | Uint8Array>(ending: Ending<O>, judgement: Judgement): unknown {
  const { reason, output } = ending;
  const failed = ending.exitCode !== 0 || ending.signal !== null;
  if (reason === "abort") return judgement.policy.signal?.reason;
  if (reason !== "timeout" && reason !== "maxBuffer" && !(judgement.check && failed)) return null;
  const { pipeline } = ending;
  const command = formatCommand(ending.args) + (pipeline ? ` (stage ${pipeline.index + 1} of the pipeline ${pipeline.text})` : "");
  const status = { args: [...ending.args], exitCode: ending.exitCode, signal: ending.signal };
  const stages = pipeline ? { stages: pipeline.stages } : {};
  const details = output === undefined ? "" : stderrTail(output.stderr);
  if (reason === "timeout") {
    const ms = judgement.policy.timeout;
    const outcome = { ...status, stdout: output?.stdout, stderr: output?.stderr, ...stages };
    const what = pipeline ? `Pipeline timed out after ${ms} ms: ${pipeline.text}` : `Command timed out after ${ms} ms: ${command}`;
    return new ProcessTimeoutError<O | undefined>(`${what}${details}`, outcome, ms);
  }
  if (output === undefined) return null;
  const outcome = { ...status, stdout: output.stdout, stderr: output.stderr, ...(stages as { stages?: StageOutcome<O>[] }) };
  if (reason === "maxBuffer") {
    const limit = judgement.maxBuffer ?? Infinity;
    const message = `Command's ${output.overflowed} exceeded maxBuffer (${limit} bytes): ${command}`;
    return new MaxBufferError<O>(message, outcome, output.overflowed, limit);
  }
  const verb = ending.signal !== null ? "was killed with" : "failed with";
  return new CalledProcessError<O>(`Command ${verb} ${formatStatus(ending)}: ${command}${details}`, outcome);
}

function stderrTail(stderr: string | Uint8Array): string {
  const text = tail(stderr);
  return text === "" ? "" : `\n${text}`;
}
