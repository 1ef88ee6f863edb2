/**
 * One worker process of a pool, from the pool's side: starts it through the adapter, waits for it to
 * connect back, sends it one call at a time, and settles that call exactly once whatever happens. It is the
 * only writer of which call it runs.
 */

import { type CleanupRegistry, type CleanupTarget, registerCleanup, unregisterCleanup } from "../_cleanup.js";
import { formatCommand, formatStatus } from "../_format.js";
import { planOpen } from "../_options.js";
import { start } from "../_spawn.js";
import type { ChannelListener, ProcessAdapter, SpawnedChild, WorkerChannel, WorkerCommand, WorkerSupport } from "../adapter.js";
import { BrokenWorkerError, WorkerStartError } from "../errors.js";
import type { ExitStatus } from "../types.js";
import { decode } from "./_clone.js";
import { frame } from "./_ndjson.js";
import { type FromWorker, WORKER_VARIABLES } from "./_protocol.js";
import { StderrRelay } from "./_stderr.js";
import type { Task } from "./_task.js";

/** Callbacks from a worker to its pool. */
export interface WorkerEvents {
  /** The worker finished a call and can take another. */
  idle(worker: PoolWorker): void;
  /** The worker is gone; `startError` when it ended before it connected. */
  gone(worker: PoolWorker, startError?: WorkerStartError): void;
}

/**
 * Milliseconds a worker's stderr may stay open after the worker exited (held by a process it started) before
 * the pool stops reading it. Normally the pipe ends with the worker and nothing waits.
 */
const STDERR_GRACE_MS = 1000;

/**
 * Milliseconds an idle worker still keeps the caller alive after its last call, so that what it wrote to stderr
 * during the call, already in the pipe when the reply arrived, is read and passed on before a caller that
 * returns at once exits. Deno may poll the pipe only after the reply has arrived, so a worker that let go at
 * once could lose such a line on Deno; one timer turn is enough for the read (the conformance case on worker
 * output and the soak lane check it).
 */
const RELEASE_MS = 10;

/** A worker process owned by a pool. */
export class PoolWorker {
  state: "starting" | "ready" | "busy" | "closing" | "dead" = "starting";
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the worker last became idle (performance.now()). */
  idleSince = 0;
  /** Lets go of the caller {@link RELEASE_MS} after the worker went idle (see {@link release}). */
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** The call this worker runs, or will run once it has connected. */
  private current: Task | null = null;
  private child: SpawnedChild | null = null;
  private argv: readonly string[] = [];
  private stderr: StderrRelay | null = null;
  private channel: WorkerChannel | null = null;
  /** Set when the pool ended this worker itself. */
  private killed = false;
  private cleanup: CleanupRegistry | null = null;
  private readonly cleanupTarget: CleanupTarget = { callerExiting: () => this.kill() };
  /** Resolves when the process has exited (or never started). */
  readonly exited: Promise<ExitStatus | null>;
  private markExited!: (status: ExitStatus | null) => void;

  constructor(
    readonly token: string,
    private readonly support: WorkerSupport,
    private readonly events: WorkerEvents,
  ) {
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /**
   * Starts the worker process once the pool listens, and settles the call given to it meanwhile if it cannot
   * start. Its program, if any, goes to its stdin; its stdout is the caller's. Its stderr is a pipe to the pool
   * for the worker's whole life, passed on to the caller's stderr as it arrives (see ./_stderr.ts): a runtime
   * refusing a flag writes why before any program of ours runs, so only a pipe from the start lets the pool
   * show it, and a process cannot be given another stderr later (a worker on Node or Deno has no dup2). While
   * the worker is idle its process and pipes are unreferenced (see {@link release}), and a read pending on the
   * pipe then lets the caller exit: measured with the Node and Deno adapters' own spawn, and on Bun when the
   * pipe's stream was made while the process was unreferenced, which is why the Bun adapter gives workers a
   * spawn that makes them so (`WorkerSupport.spawn`).
   */
  async start(adapter: ProcessAdapter, listening: Promise<ChannelListener>): Promise<void> {
    let address: string;
    try {
      address = (await listening).address;
    } catch (error) {
      // The pool could not listen: the call gets that error, and the calls queued behind it the start error.
      this.die(null, error, error);
      return;
    }
    let command: WorkerCommand;
    try {
      // command() rejects where this process cannot start a worker safely (the error says why and what to do).
      command = await this.support.command();
      this.argv = command.argv;
      const plan = planOpen([...command.argv], {
        stdin: command.program === undefined ? "ignore" : "pipe",
        stdout: "inherit",
        stderr: "pipe",
        env: { [WORKER_VARIABLES[0]]: address, [WORKER_VARIABLES[1]]: this.token },
      });
      // Read at each start: an adapter may name another way to start workers from one start to the next (the
      // Node adapter's is a spawn helper while one serves).
      const spawn = this.support.spawn;
      this.child = await start(spawn ? { ...adapter, spawn: (request) => spawn.call(this.support, request) } : adapter, plan);
    } catch (error) {
      this.die(null, error);
      return;
    }
    const child = this.child;
    if (command.program !== undefined && child.stdin) void writeAll(child.stdin, command.program);
    if (child.stderr) this.stderr = new StderrRelay(child.stderr, (chunk) => this.support.writeStderr(chunk));
    // A caller ended by a signal or exiting normally ends its workers too, a busy one included (an idle one
    // would see its channel close; a busy one would not notice until its call returns).
    this.cleanup = registerCleanup(adapter, this.cleanupTarget);
    child.exited.then((status) => this.ended(status));
  }

  /** Called by the pool when this worker connected back; replies then arrive through {@link receive}. */
  connect(channel: WorkerChannel): void {
    // A worker the pool has killed (its call was aborted while it started) may still connect before the
    // signal lands: it must never be given a call, which would then fail as if that worker had crashed.
    if (this.state !== "starting" || this.killed) {
      channel.close();
      return;
    }
    this.channel = channel;
    this.stderr?.forget();
    this.state = this.current ? "busy" : "ready";
    if (this.current) this.send(this.current);
    else this.events.idle(this);
  }

  /** Gives the worker a call; it is sent as soon as the worker has connected. */
  assign(task: Task): void {
    this.current = task;
    this.keepAlive(true);
    if (this.state === "ready") {
      this.state = "busy";
      this.send(task);
    }
  }

  /** Takes `task` back if this worker runs it (the call was aborted): the worker is killed, as the only way to stop it. */
  drop(task: Task): void {
    if (this.current !== task) return;
    this.current = null;
    this.kill();
  }

  /** Ends the worker at once with SIGKILL (abort, or a grace period that ran out). */
  kill(): void {
    if (!this.child) return; // still spawning: it connects, finds no call and waits for the next
    this.killed = true;
    this.child.kill("SIGKILL", false);
  }

  /**
   * Ends the worker gracefully: it finishes its current call and exits once the pool has ended the channel. The
   * channel is ended only when the worker has no call left, after the reply (see {@link receive}): a named pipe,
   * the channel on Windows, has no half-close (libuv closes both directions 50 ms after one side ends its own),
   * so a reply written after the pool's end would be lost and the worker would exit without it.
   */
  retire(): void {
    if (this.state === "dead" || this.state === "closing") return;
    this.state = "closing";
    clearTimeout(this.idleTimer);
    clearTimeout(this.releaseTimer);
    if (!this.channel) this.kill();
    else if (!this.current) void this.channel.end();
  }

  /**
   * The worker went idle: it stops keeping the caller alive {@link RELEASE_MS} from now, unless it has work
   * again by then. One timer, armed once and given the rest of its time when the worker worked meanwhile (a
   * timer per call costs more than the call on some runtimes).
   */
  release(ms = RELEASE_MS): void {
    if (this.releaseTimer !== undefined) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      if (this.state !== "ready") return;
      const idleFor = performance.now() - this.idleSince;
      if (idleFor >= RELEASE_MS) this.keepAlive(false);
      else this.release(RELEASE_MS - idleFor);
    }, ms);
  }

  /** Whether this worker may keep the caller alive (true only while it has work). */
  keepAlive(keep: boolean): void {
    this.child?.ref?.(keep);
    this.channel?.ref(keep);
  }

  private send(task: Task): void {
    this.channel?.write(frame(task.call));
  }

  /** Handles one message from the worker: the reply to the call it runs. */
  receive(message: FromWorker): void {
    const task = this.current;
    if ((message.t !== "ok" && message.t !== "err") || !task || task.call.id !== message.id) return;
    this.current = null;
    task.reply(message.t === "ok", () => decode(message.t === "ok" ? message.v : message.e));
    if (this.state === "closing") void this.channel?.end();
    else if (this.state === "busy") {
      this.state = "ready";
      this.events.idle(this);
    }
  }

  /**
   * The process exited. What it wrote to stderr before it ended is read first, so that it reaches the caller's
   * stderr before the call's outcome, and the error of a worker that could not start. A timer keeps the caller
   * alive meanwhile (an idle worker's pipe does not); a pipe held open by a process the worker started is
   * closed after {@link STDERR_GRACE_MS}.
   */
  private async ended(status: ExitStatus): Promise<void> {
    const stderr = this.stderr;
    if (stderr) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, STDERR_GRACE_MS)));
      await Promise.race([stderr.ended, grace]);
      clearTimeout(timer);
    }
    this.die(status);
  }

  /**
   * Settles what the worker was given and reports it gone; idempotent. The call gets `callError` when given,
   * else the start error of a worker that never connected, else a {@link BrokenWorkerError}.
   */
  private die(status: ExitStatus | null, cause?: unknown, callError?: unknown): void {
    if (this.state === "dead") return;
    // A worker that ended before it connected failed to start, unless the pool killed it on the way (an
    // abort of the call it was started for): then the calls waiting for a worker just get another one.
    const neverConnected = this.state === "starting" && !this.killed;
    this.state = "dead";
    clearTimeout(this.idleTimer);
    clearTimeout(this.releaseTimer);
    if (this.cleanup) unregisterCleanup(this.cleanup, this.cleanupTarget);
    this.channel?.close();
    const startError = neverConnected ? this.startError(status, cause) : undefined;
    this.stderr?.close();
    const task = this.current;
    this.current = null;
    task?.reject(callError ?? startError ?? brokenWhileRunning(task, status, cause));
    this.markExited(status);
    this.events.gone(this, startError);
  }

  /** The error of a worker that ended before it connected to its pool, ending with the last lines of its stderr. */
  private startError(status: ExitStatus | null, cause?: unknown): WorkerStartError {
    let message: string;
    if (status === null) {
      message = `A toProcess worker could not start: ${cause instanceof Error ? cause.message : String(cause)}`;
    } else {
      const stderr = this.stderr?.tail() ?? "";
      message =
        `A toProcess worker could not start (${formatStatus(status)} before it connected to its pool): ${formatCommand(this.argv)}` +
        (stderr === "" ? "" : `\n${stderr}`);
    }
    return new WorkerStartError(message, { exitCode: status?.exitCode ?? null, signal: status?.signal ?? null, cause });
  }
}

function brokenWhileRunning(task: Task, status: ExitStatus | null, cause: unknown): BrokenWorkerError {
  const how =
    status === null ? "could not start" : status.signal ? `was killed by ${status.signal}` : `exited with code ${status.exitCode}`;
  return new BrokenWorkerError(`The toProcess worker ${how} while running "${task.call.x}" of ${task.call.m}`, {
    exitCode: status?.exitCode ?? null,
    signal: status?.signal ?? null,
    cause,
  });
}

/** Writes `text` to a worker's stdin and closes it; a worker that is gone already shows up as its exit. */
async function writeAll(stdin: WritableStream<Uint8Array>, text: string): Promise<void> {
  const writer = stdin.getWriter();
  writer.closed.catch(() => {});
  writer.ready.catch(() => {});
  try {
    await writer.write(new TextEncoder().encode(text));
    await writer.close();
  } catch {
    // EPIPE: the worker ended before it read its program; its exit status and stderr tell why.
  }
}
