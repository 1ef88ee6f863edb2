/** The {@link Process} handle of openProcess and of each stage of openPipeline, over a supervised child. */

import type { Plan } from "./_options.js";
import { outcomeError } from "./_outcome.js";
import type { GuardedStdin, OwnedReadable } from "./_streams.js";
import type { Supervisor } from "./_supervisor.js";
import { assertSignal, type Signal } from "./signals.js";
import type { ExitStatus, Process } from "./types.js";

/** `Symbol.asyncDispose`, where the runtime lacks it the well-known name TypeScript's `using` looks up. */
export const asyncDispose: typeof Symbol.asyncDispose = Symbol.asyncDispose ?? Symbol.for("Symbol.asyncDispose");

/** The pipes of a child that its {@link Process} hands to the caller, already under core's control. */
export interface OwnedPipes {
  readonly stdin: GuardedStdin | null;
  readonly stdout: OwnedReadable | null;
  readonly stderr: OwnedReadable | null;
}

/** A child as the caller drives it: its pipes, its status, signals and dispose, with core's policy behind them. */
export class ChildProcess implements Process {
  readonly args: readonly string[];
  readonly stdin: WritableStream<Uint8Array> | null;
  readonly stdout: ReadableStream<Uint8Array> | null;
  readonly stderr: ReadableStream<Uint8Array> | null;

  constructor(
    readonly pid: number,
    private readonly plan: Plan,
    private readonly supervisor: Supervisor,
    private readonly pipes: OwnedPipes,
  ) {
    this.args = plan.args;
    this.stdin = pipes.stdin?.stream ?? null;
    this.stdout = pipes.stdout?.stream ?? null;
    this.stderr = pipes.stderr?.stream ?? null;
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
    await Promise.all([closing, this.pipes.stdout?.release(), this.pipes.stderr?.release()]);
  }
}
