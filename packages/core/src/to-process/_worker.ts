/**
 * One worker process of a pool, from the pool's side: starts it through the adapter, waits for it to
 * connect back, sends it one call at a time, and settles that call exactly once whatever happens.
 */

import { type CleanupRegistry, type CleanupTarget, registerCleanup, unregisterCleanup } from "../_cleanup.js";
import { planOpen } from "../_options.js";
import { start } from "../_spawn.js";
import type { ProcessAdapter, SpawnedChild, WorkerChannel, WorkerCommand, WorkerSupport } from "../adapter.js";
import { BrokenWorkerError, WorkerStartError } from "../errors.js";
import type { ExitStatus } from "../types.js";
import { decode } from "./_clone.js";
import { frame } from "./_ndjson.js";
import { type Call, type FromWorker, WORKER_VARIABLES } from "./_protocol.js";

/** One call waiting for, or running on, a worker. */
export interface Task {
  readonly call: Call;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** Set when the call is settled; later events are ignored. */
  settled: boolean;
}

/** Callbacks from a worker to its pool. */
export interface WorkerEvents {
  /** The worker finished a call and can take another. */
  idle(worker: PoolWorker): void;
  /** The worker is gone; `startError` when it ended before it connected. */
  gone(worker: PoolWorker, startError?: WorkerStartError): void;
}

/** A worker process owned by a pool. */
export class PoolWorker {
  state: "starting" | "ready" | "busy" | "closing" | "dead" = "starting";
  task: Task | null = null;
  child: SpawnedChild | null = null;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the worker last became idle (performance.now()). */
  idleSince = 0;
  private channel: WorkerChannel | null = null;
  /** Set when the pool ended this worker itself. */
  private killed = false;
  private cleanup: CleanupRegistry | null = null;
  private readonly cleanupTarget: CleanupTarget = { terminate: () => this.kill() };
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
   * Spawns the worker process; rejects (and reports the worker gone) when it cannot start. The worker's program,
   * if any, goes to its stdin. Its stdout and stderr are the caller's: what it prints, also why it could not
   * start, is where the caller's own output goes, without a pipe that could keep an idle caller alive.
   */
  async spawn(adapter: ProcessAdapter, address: string): Promise<void> {
    let command: WorkerCommand;
    try {
      // command() throws where this process cannot start a worker safely (the error says why and what to do).
      command = this.support.command();
      const plan = planOpen([...command.argv], {
        stdin: command.program === undefined ? "ignore" : "pipe",
        stdout: "inherit",
        stderr: "inherit",
        env: { [WORKER_VARIABLES[0]]: address, [WORKER_VARIABLES[1]]: this.token },
      });
      this.child = await start(adapter, plan);
    } catch (error) {
      this.die(null, error);
      throw error;
    }
    if (command.program !== undefined && this.child.stdin) void writeAll(this.child.stdin, command.program);
    // A caller ended by a signal or exiting normally ends its workers too, a busy one included (an idle one
    // would see its channel close; a busy one would not notice until its call returns).
    this.cleanup = registerCleanup(adapter, this.cleanupTarget);
    this.child.exited.then((status) => this.die(status));
  }

  /** Called by the pool when this worker connected back; replies then arrive through {@link receive}. */
  connect(channel: WorkerChannel): void {
    if (this.state !== "starting") {
      channel.close();
      return;
    }
    this.channel = channel;
    this.state = this.task ? "busy" : "ready";
    if (this.task) this.send(this.task);
    else this.events.idle(this);
  }

  /** Gives the worker a call; it is sent as soon as the worker has connected. */
  assign(task: Task): void {
    this.task = task;
    this.keepAlive(true);
    if (this.state === "ready") {
      this.state = "busy";
      this.send(task);
    }
  }

  /** Ends the worker at once with SIGKILL (abort, or a grace period that ran out). */
  kill(): void {
    if (!this.child) return; // still spawning: it connects, finds no call and waits for the next
    this.killed = true;
    this.child.kill("SIGKILL", false);
  }

  /** Closes the channel gracefully: the worker finishes its current call and exits. */
  retire(): void {
    if (this.state === "dead" || this.state === "closing") return;
    this.state = "closing";
    clearTimeout(this.idleTimer);
    if (this.channel) void this.channel.end();
    else this.kill();
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
    const task = this.task;
    if ((message.t !== "ok" && message.t !== "err") || !task || task.call.id !== message.id) return;
    this.task = null;
    settle(task, message.t === "ok", () => decode(message.t === "ok" ? message.v : message.e));
    if (this.state === "busy") {
      this.state = "ready";
      this.events.idle(this);
    }
  }

  /** Gives up on a worker that never started (its channel could not be opened); idempotent. */
  abandon(cause: unknown): void {
    this.die(null, cause);
  }

  private die(status: ExitStatus | null, cause?: unknown): void {
    if (this.state === "dead") return;
    // A worker that ended before it connected failed to start, unless the pool killed it on the way (an
    // abort of the call it was started for): then the calls waiting for a worker just get another one.
    const neverConnected = this.state === "starting" && !this.killed;
    this.state = "dead";
    clearTimeout(this.idleTimer);
    if (this.cleanup) unregisterCleanup(this.cleanup, this.cleanupTarget);
    this.channel?.close();
    const startError = neverConnected ? this.startError(status, cause) : undefined;
    const task = this.task;
    this.task = null;
    if (task && !task.settled) {
      task.settled = true;
      task.reject(startError ?? brokenWhileRunning(task, status, cause));
    }
    this.markExited(status);
    this.events.gone(this, startError);
  }

  /** The error of a worker that ended before it connected to its pool. */
  private startError(status: ExitStatus | null, cause?: unknown): WorkerStartError {
    const how =
      status === null
        ? `: ${cause instanceof Error ? cause.message : String(cause)}`
        : ` (${status.signal ? `killed by ${status.signal}` : `it exited with code ${status.exitCode}`} before it connected to its pool; ` +
          "what it printed on the way is on the caller's stderr)";
    return new WorkerStartError(`A toProcess worker could not start${how}`, {
      exitCode: status?.exitCode ?? null,
      signal: status?.signal ?? null,
      cause,
    });
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

function settle(task: Task, ok: boolean, value: () => unknown): void {
  if (task.settled) return;
  task.settled = true;
  let decoded: unknown;
  try {
    decoded = value();
  } catch (error) {
    task.reject(error);
    return;
  }
  if (ok) task.resolve(decoded);
  else task.reject(decoded);
}
