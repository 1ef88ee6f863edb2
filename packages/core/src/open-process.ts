/** openProcess: start a command and hand back a live {@link Process} whose pipes the caller drives. */

import { type Plan, planOpen } from "./_options.js";
import { outcomeError } from "./_outcome.js";
import { shellFor, start } from "./_spawn.js";
import { type GuardedStdin, guardStdin, type OwnedReadable, ownReadable } from "./_streams.js";
import { Supervisor } from "./_supervisor.js";
import type { ProcessAdapter, SpawnedChild } from "./adapter.js";
import { assertSignal, type Signal } from "./signals.js";
import type { Command, ExitStatus, OpenOptions, OpenResult, Process } from "./types.js";

const asyncDispose: typeof Symbol.asyncDispose = Symbol.asyncDispose ?? Symbol.for("Symbol.asyncDispose");

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
  // A stream is non-null exactly when its plan says "pipe", which is what OpenResult<O> computes from O.
  return new ChildProcess(adapter, plan, child) as Process as OpenResult<O>;
}

class ChildProcess implements Process {
  readonly pid: number;
  readonly args: readonly string[];
  readonly stdin: WritableStream<Uint8Array> | null;
  readonly stdout: ReadableStream<Uint8Array> | null;
  readonly stderr: ReadableStream<Uint8Array> | null;
  private readonly supervisor: Supervisor;
  private readonly pipes: { stdin: GuardedStdin | null; readers: OwnedReadable[] };

  constructor(
    adapter: ProcessAdapter,
    private readonly plan: Plan,
    child: SpawnedChild,
  ) {
    this.pid = child.pid;
    this.args = plan.args;
    this.supervisor = new Supervisor(adapter, child, plan.policy);
    const stdin = child.stdin ? guardStdin(child.stdin, plan.args, () => !this.supervisor.running) : null;
    const stdout = child.stdout ? ownReadable(child.stdout) : null;
    const stderr = child.stderr ? ownReadable(child.stderr) : null;
    this.pipes = { stdin, readers: [stdout, stderr].filter((r): r is OwnedReadable => r !== null) };
    this.stdin = stdin?.stream ?? null;
    this.stdout = stdout?.stream ?? null;
    this.stderr = stderr?.stream ?? null;
  }

  get exitCode(): number | null {
    return this.supervisor.status?.exitCode ?? null;
  }

  get signal(): Signal | null {
    return this.supervisor.status?.signal ?? null;
  }

  async wait(): Promise<ExitStatus> {
    const status = await this.supervisor.exited;
    const error = outcomeError({ ...status, args: this.args, reason: this.supervisor.reason }, { policy: this.plan.policy, check: false });
    if (error !== null) throw error;
    return { ...status };
  }

  sendSignal(signal: Signal): boolean {
    assertSignal(signal, "signal");
    return this.supervisor.send(signal);
  }

  terminate(): boolean {
    return this.supervisor.send("SIGTERM");
  }

  kill(): boolean {
    return this.supervisor.send("SIGKILL");
  }

  async [asyncDispose](): Promise<void> {
    const closing = this.pipes.stdin?.release();
    if (this.supervisor.running) this.supervisor.stop("dispose");
    await this.supervisor.exited;
    await Promise.all([closing, ...this.pipes.readers.map((r) => r.release())]);
  }
}
