/** runProcess: run a command to completion and collect its output, with every policy applied in one place. */

import { Collector, collected } from "./_collect.js";
import { planRun } from "./_options.js";
import { outcomeError } from "./_outcome.js";
import { shellFor, start } from "./_spawn.js";
import { feed, guardStdin, streamOf } from "./_streams.js";
import { Supervisor } from "./_supervisor.js";
import type { ProcessAdapter } from "./adapter.js";
import type { Command, CompletedProcess, OptionOf, RunOptions } from "./types.js";

/**
 * The type of `stdout` and `stderr` of {@link runProcess} called with options of type `O`: `Uint8Array`
 * for `encoding: "bytes"`, `string` for `encoding: "utf8"` or no encoding, and `string | Uint8Array` when
 * the type of `O` does not tell which (a variable of the wide {@link RunOptions} type, say).
 */
export type RunOutput<O extends Pick<RunOptions, "encoding"> | undefined> =
  OptionOf<O, "encoding"> extends infer Encoding
    ? [Encoding] extends [undefined | "utf8"]
      ? string
      : [Encoding] extends ["bytes"]
        ? Uint8Array
        : string | Uint8Array
    : never;

/** What {@link runProcess} resolves to when called with options of type `O`; see {@link RunOutput}. */
export type RunResult<O extends RunOptions | undefined> = CompletedProcess<RunOutput<O>>;

/**
 * Runs `command` to completion with `adapter` and resolves with its exit status and output.
 * See {@link RunOptions} for every option; the result shape is {@link CompletedProcess}.
 */
export async function runProcess<O extends RunOptions | undefined = undefined>(
  adapter: ProcessAdapter,
  command: Command,
  options?: O,
): Promise<RunResult<O>> {
  const plan = planRun(command, options, shellFor(adapter));
  plan.policy.signal?.throwIfAborted();
  const began = performance.now();
  const child = await start(adapter, plan);
  const supervisor = new Supervisor(adapter, child, plan.policy);
  let out: Collector | null = null;
  let err: Collector | null = null;
  if (child.stdout || child.stderr) {
    const stopForOverflow = () => supervisor.stop("maxBuffer");
    if (child.stdout) out = new Collector(streamOf(child.stdout), plan.maxBuffer, stopForOverflow);
    if (child.stderr) err = new Collector(streamOf(child.stderr), plan.maxBuffer, stopForOverflow);
  }
  if (child.stdin)
    feed(
      guardStdin(child.stdin, plan.args, () => !supervisor.running),
      plan.input,
    );

  const status = await supervisor.exited;
  if (out || err) await Promise.all([out?.settle(), err?.settle()]);
  const result = {
    args: plan.args,
    exitCode: status.exitCode,
    signal: status.signal,
    stdout: collected(plan.encoding, out),
    stderr: collected(plan.encoding, err),
    durationMs: performance.now() - began,
  } as CompletedProcess<string | Uint8Array>;
  const output = { stdout: result.stdout, stderr: result.stderr, overflowed: out?.overflowed ? "stdout" : "stderr" } as const;
  const error = outcomeError({ ...result, reason: supervisor.reason, output }, plan);
  if (error !== null) throw error;
  return result as RunResult<O>;
}
