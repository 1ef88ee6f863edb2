/** openProcess: start a command and hand back a live {@link Process} whose pipes the caller drives. */

import { ChildProcess } from "./_child-process.js";
import { planOpen } from "./_options.js";
import { shellFor, start } from "./_spawn.js";
import { guardStdin, ownReadable } from "./_streams.js";
import { Supervisor } from "./_supervisor.js";
import type { ProcessAdapter } from "./adapter.js";
import type { Command, OpenOptions, OpenResult, Process } from "./types.js";

/**
 * Starts `command` with `adapter` and resolves once it is running. Rejects with `SpawnError` when it
 * cannot start, and with `signal.reason` (spawning nothing) when `signal` is already aborted.
 * The streams of the {@link Process} are typed from the options ({@link OpenResult}): piped ones are non-null.
 */
export async function openProcess<O extends OpenOptions | undefined = undefined>(
  adapter: ProcessAdapter,
  command: Command,
  options?: O,
): Promise<OpenResult<O>> {
  const plan = planOpen(command, options, shellFor(adapter));
  plan.policy.signal?.throwIfAborted();
  const child = await start(adapter, plan);
  const supervisor = new Supervisor(adapter, child, plan.policy);
  const pipes = {
    stdin: child.stdin ? guardStdin(child.stdin, plan.args, () => !supervisor.running) : null,
    stdout: child.stdout ? ownReadable(child.stdout) : null,
    stderr: child.stderr ? ownReadable(child.stderr) : null,
  };
  // A stream is non-null exactly when its plan says "pipe", which is what OpenResult<O> computes from O.
  return new ChildProcess(child.pid, plan, supervisor, pipes) as Process as OpenResult<O>;
}
