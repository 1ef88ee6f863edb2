/**
 * Starting and supervising the stages of a pipeline, for runPipeline and openPipeline: the pipes between
 * stages, the one timeout and abort of the whole pipeline, and the rule a shell follows when a stage exits
 * while the stage before it still writes (docs/pipelines.md).
 *
 * Between two stages the bytes pass at the file-descriptor level when the adapter can join them
 * (`ProcessAdapter.links`); else core copies them (./_copy.ts). When a stage exits while the stage before it
 * still runs, core sends that stage SIGPIPE, as a shell's pipe would. Where the link or the copy keeps a read
 * end in the caller (Node's and Bun's links, every copy), that is how the writer learns it: on Node and Bun a
 * child's pipe may be a socket, which would report a closed reader as ECONNRESET, an error exit a caller could
 * not tell from a failure. Deno's links are FIFOs the children open themselves, and there the kernel may
 * signal the writer first, as in a shell.
 */

import { type Copy, copyPipe } from "./_copy.js";
import type { Plan } from "./_options.js";
import type { PipelinePlan } from "./_pipeline-options.js";
import { start } from "./_spawn.js";
import { type GuardedStdin, guardStdin, type OwnedReadable, ownReadable, streamOf } from "./_streams.js";
import { type StopReason, Supervisor } from "./_supervisor.js";
import type { ProcessAdapter, SpawnedChild, StdoutLink } from "./adapter.js";
import type { Signal } from "./signals.js";
import type { ExitStatus } from "./types.js";

/** One started stage and the pipes of it that the caller gets. */
export interface StartedStage {
  readonly plan: Plan;
  readonly child: SpawnedChild;
  readonly supervisor: Supervisor;
  /** The first stage's piped stdin, for the caller. */
  readonly stdin: GuardedStdin | null;
  /** The last stage's piped stdout, for the caller. */
  readonly stdout: OwnedReadable | null;
  /** The stage's piped stderr. */
  readonly stderr: OwnedReadable | null;
  /**
   * The signal core sent this stage because the stage after it exited while it still ran, or null. A stage
   * that ended by it is not a failure (`yes | head -1`).
   */
  brokenPipe: Signal | null;
}

/** The pipe between two stages as core holds it: a link the adapter passed on, or a copy. */
interface Between {
  link: StdoutLink | undefined;
  copy: Copy | undefined;
}

/** The started stages of one pipeline, under one policy. */
export class Stages {
  readonly list: StartedStage[] = [];
  /** Why core stopped the pipeline, if it did: the first reason. */
  reason: StopReason | null = null;
  private readonly between: Between[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private onAbort: (() => void) | undefined;

  constructor(
    private readonly adapter: ProcessAdapter,
    private readonly plan: PipelinePlan,
  ) {}

  /** Resolves with every stage's status once all have exited; never rejects. */
  exited(): Promise<ExitStatus[]> {
    return Promise.all(this.list.map((stage) => stage.supervisor.exited));
  }

  /** Stops every stage still running for `reason` (see `Supervisor.stop`); only the first reason is kept. */
  stopAll(reason: StopReason): void {
    this.reason ??= reason;
    for (const stage of this.list) stage.supervisor.stop(reason);
  }

  /** Sends `signal` to every stage still running; true when one was sent. */
  send(signal: Signal): boolean {
    let sent = false;
    for (const stage of this.list) if (stage.supervisor.send(signal)) sent = true;
    return sent;
  }

  /**
   * Whether stage `index` failed: it exited non-zero or by a signal, except by the signal core sent it
   * because the stage after it had exited, and except by SIGPIPE anywhere but in the last stage. That SIGPIPE
   * came from the pipe to the next stage, whose reader had gone: where an adapter joins stages with pipes the
   * children open themselves (Deno's FIFOs), the kernel may signal the writer before core has seen the reader
   * exit, as in a shell.
   */
  failed(index: number): boolean {
    const stage = this.list[index] as StartedStage;
    const status = stage.supervisor.status;
    if (status === null) return false;
    if (status.signal !== null && status.signal === stage.brokenPipe) return false;
    if (status.signal === "SIGPIPE" && index < this.plan.stages.length - 1) return false;
    return status.exitCode !== 0 || status.signal !== null;
  }

  /** Closes what core holds between stages and releases the caller's pipes; after every stage has exited. */
  async release(): Promise<void> {
    for (const stage of this.list) stage.child.link?.close();
    // The stdout of the last stage started, when a later one never started, went to no one: close it.
    const unjoined = this.list.length - 1 < this.plan.stages.length - 1 ? this.list[this.list.length - 1]?.child.stdout : null;
    await Promise.all([
      unjoined ? ownReadable(unjoined).release() : undefined,
      ...this.between.map((pipe) => pipe.copy?.release()),
      ...this.list.flatMap((stage) => [stage.stdin?.release(), stage.stdout?.release(), stage.stderr?.release()]),
    ]);
  }

  /** Arms the pipeline's timeout and abort; once, after the first stage has started. */
  private arm(): void {
    const { policy } = this.plan;
    if (policy.timeout > 0) this.timer = setTimeout(() => this.stopAll("timeout"), policy.timeout);
    const { signal } = policy;
    if (signal) {
      this.onAbort = () => this.stopAll("abort");
      signal.addEventListener("abort", this.onAbort, { once: true });
    }
  }

  /** Clears the timeout and the abort listener: once every stage has exited, or when starting failed. */
  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onAbort) this.plan.policy.signal?.removeEventListener("abort", this.onAbort);
  }

  /** Starts every stage in order; see {@link startStages}. */
  async startAll(): Promise<void> {
    const { stages, policy } = this.plan;
    const links = this.adapter.links === true;
    // Each stage's supervisor applies killSignal, escalation, killTree and cleanup; the timeout and the abort
    // belong to the pipeline, which stops every stage at once.
    const stagePolicy = { ...policy, timeout: 0, signal: undefined };
    const last = stages.length - 1;
    for (let index = 0; index <= last; index++) {
      const plan = stages[index] as Plan;
      const before = index > 0 ? (this.list[index - 1] as StartedStage) : undefined;
      const request = {
        ...plan.request,
        ...(links && before ? { stdinLink: before.child.link } : {}),
        ...(links && index < last ? { stdoutLink: true } : {}),
      };
      let child: SpawnedChild;
      try {
        child = await start(this.adapter, { ...plan, request });
      } catch (error) {
        await this.abandon("dispose");
        throw error;
      }
      const supervisor = new Supervisor(this.adapter, child, stagePolicy);
      const stage: StartedStage = {
        plan,
        child,
        supervisor,
        stdin: index === 0 && child.stdin ? guardStdin(child.stdin, plan.args, () => !supervisor.running) : null,
        stdout: index === last && child.stdout ? ownReadable(child.stdout) : null,
        stderr: child.stderr ? ownReadable(child.stderr) : null,
        brokenPipe: null,
      };
      this.list.push(stage);
      if (index === 0) this.arm();
      if (before) this.connect(before, stage, links);
      if (policy.signal?.aborted) {
        await this.abandon("abort");
        throw policy.signal.reason;
      }
    }
    void this.exited().then(() => this.disarm());
  }

  /** Joins `before`'s stdout to `after`'s stdin, and ends `before` as a shell would once `after` has exited. */
  private connect(before: StartedStage, after: StartedStage, links: boolean): void {
    const pipe: Between = { link: undefined, copy: undefined };
    if (links) pipe.link = before.child.link;
    else if (before.child.stdout && after.child.stdin) pipe.copy = copyPipe(streamOf(before.child.stdout), after.child.stdin);
    this.between.push(pipe);
    const windows = this.adapter.windows !== undefined;
    void after.supervisor.exited.then(() => {
      if (before.supervisor.running) {
        // What a shell's pipe does to a writer whose reader has gone. Windows has no SIGPIPE: the stage is ended
        // (TerminateProcess), and reports the signal anyproc sent, as every stage anyproc ends does.
        const signal: Signal = windows ? "SIGTERM" : "SIGPIPE";
        before.brokenPipe = signal;
        before.supervisor.send(signal);
      }
      pipe.link?.close();
      void pipe.copy?.release();
    });
    // Once the writer has exited, nothing more comes: the reader has what it needs in its own copy of the pipe.
    void before.supervisor.exited.then(() => pipe.link?.close());
  }

  /** Stops the stages started so far for `reason`, waits for them and releases everything. */
  private async abandon(reason: StopReason): Promise<void> {
    this.disarm();
    this.stopAll(reason);
    await this.exited();
    await this.release();
  }
}

/**
 * Starts every stage of `plan` with `adapter`. When one cannot start, or the pipeline is aborted while
 * starting, the stages already started are stopped, waited for and released, and the error is thrown.
 */
export async function startStages(adapter: ProcessAdapter, plan: PipelinePlan): Promise<Stages> {
  const stages = new Stages(adapter, plan);
  await stages.startAll();
  return stages;
}
