/**
 * A pool of worker processes for CPU-bound calls: workers run on the caller's own runtime, are reused
 * most-recently-used first, retire after `idleTimeout`, and never keep an idle caller alive. `createPool`
 * (./pool.ts) checks the options and loads this module at the pool's first call.
 */
import type { ChannelListener, ProcessAdapter, WorkerChannel, WorkerSupport } from "../adapter.js";
import { ProcessError, type WorkerStartError } from "../errors.js";
import { describeValue } from "../signals.js";
import { encode } from "./_clone.js";
import { lineReader } from "./_ndjson.js";
import type { FromWorker } from "./_protocol.js";
import { Task } from "./_task.js";
import { PoolWorker } from "./_worker.js";
import type { CallOptions, WorkerPool } from "./pool.js";

/** Milliseconds `close()` waits for workers before SIGKILL. */
const CLOSE_GRACE_MS = 2000;

/** A pool with options already checked by `createPool`. */
export class Pool implements WorkerPool {
  private readonly idle: PoolWorker[] = [];
  private readonly workers = new Set<PoolWorker>();
  private readonly queue: Task[] = [];
  private readonly starting = new Map<string, PoolWorker>();
  private listener: Promise<ChannelListener> | null = null;
  private closed = false;
  private nextId = 1;

  constructor(
    private readonly adapter: ProcessAdapter,
    private readonly support: WorkerSupport,
    private readonly maxWorkers: number,
    private readonly idleTimeout: number,
  ) {}

  async run<T>(module: string | URL, exportName: string, args: readonly unknown[] = [], options: CallOptions = {}): Promise<T> {
    const specifier = moduleSpecifier(module);
    if (typeof exportName !== "string" || exportName === "") {
      throw new TypeError(`The export name must be a non-empty string, got ${describeValue(exportName)}`);
    }
    if (!Array.isArray(args)) throw new TypeError(`The arguments must be an array, got ${describeValue(args)}`);
    const { signal } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError(`\`signal\` must be an AbortSignal, got ${describeValue(signal)}`);
    }
    signal?.throwIfAborted();
    const encoded = encode(args, "args");
    if (this.closed) throw new ProcessError(`The toProcess pool is closed; cannot call "${exportName}" of ${specifier}`);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.abort(task, signal?.reason);
      const done = () => signal?.removeEventListener("abort", onAbort);
      const task = new Task(
        { t: "call", id: this.nextId++, m: specifier, x: exportName, a: encoded },
        (value) => {
          done();
          resolve(value as T);
        },
        (error) => {
          done();
          reject(error);
        },
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(task);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) {
      task.reject(new ProcessError(`The toProcess pool was closed before "${task.call.x}" of ${task.call.m} could run`));
    }
    const workers = [...this.workers];
    for (const worker of workers) worker.retire();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
    await Promise.race([Promise.all(workers.map((w) => w.exited)), grace]);
    clearTimeout(timer);
    for (const worker of workers) worker.kill();
    await Promise.all(workers.map((w) => w.exited));
    const listener = this.listener;
    this.listener = null;
    if (listener) (await listener.catch(() => null))?.close();
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.workers.size >= this.maxWorkers) return;
        worker = this.startWorker();
      }
      worker.assign(this.queue.shift() as Task);
    }
  }

  private startWorker(): PoolWorker {
    const token = workerToken();
    const worker = new PoolWorker(token, this.support, {
      idle: (w) => this.onIdle(w),
      gone: (w, startError) => this.onGone(w, startError),
    });
    this.workers.add(worker);
    this.starting.set(token, worker);
    void worker.start(this.adapter, this.listen());
    return worker;
  }

  private listen(): Promise<ChannelListener> {
    if (!this.listener) {
      this.listener = this.support.listen().then(
        (listener) => {
          listener.onConnection((channel) => this.accept(channel));
          return listener;
        },
        (error) => {
          // An abstract Unix address starts with a NUL byte; show it the way `ss` does, as "@".
          const why = (error instanceof Error ? error.message : String(error)).replaceAll("\0", "@");
          throw new ProcessError(`toProcess could not open the channel its workers connect to: ${why}`, { cause: error });
        },
      );
      this.listener.catch(() => (this.listener = null));
    }
    return this.listener;
  }

  /** A new connection: its first message names the worker (by token), every later one is a reply. */
  private accept(channel: WorkerChannel): void {
    let worker: PoolWorker | undefined;
    channel.read(
      lineReader(
        (message) => {
          if (worker) return worker.receive(message as FromWorker);
          const hello = message as { t?: string; token?: unknown };
          worker = hello.t === "hello" ? this.starting.get(String(hello.token)) : undefined;
          if (!worker) {
            channel.close();
            return;
          }
          this.starting.delete(worker.token);
          worker.connect(channel);
        },
        // The worker's exit, reported by its process, settles what it was running.
        () => {},
      ),
    );
  }

  private onIdle(worker: PoolWorker): void {
    if (this.closed) {
      worker.retire();
      return;
    }
    worker.idleSince = performance.now();
    worker.release();
    if (worker.idleTimer === undefined) this.armIdleTimer(worker, this.idleTimeout);
    this.idle.push(worker);
    this.dispatch();
  }

  /**
   * One timer per worker, armed when it first goes idle and left running across calls (a timer per call
   * costs more than the call on some runtimes): when it fires, a worker idle for `idleTimeout` retires, an
   * idle one that worked since is given the rest of its time, and a busy one is re-armed when it is idle.
   */
  private armIdleTimer(worker: PoolWorker, ms: number): void {
    worker.idleTimer = setTimeout(() => {
      worker.idleTimer = undefined;
      if (worker.state !== "ready") return;
      const idleFor = performance.now() - worker.idleSince;
      if (idleFor >= this.idleTimeout) this.retire(worker);
      else this.armIdleTimer(worker, this.idleTimeout - idleFor);
    }, ms);
    // Node, Bun and Deno timers all have unref(); an idle worker never keeps the caller alive.
    (worker.idleTimer as { unref?(): void }).unref?.();
  }

  private retire(worker: PoolWorker): void {
    const at = this.idle.indexOf(worker);
    if (at !== -1) this.idle.splice(at, 1);
    worker.retire();
  }

  /**
   * A worker is gone. One that could not start fails every queued call with its error: the next worker would
   * most likely fail the same way, and trying once per queued call would start as many processes as calls.
   */
  private onGone(worker: PoolWorker, startError?: WorkerStartError): void {
    if (startError) {
      for (const task of this.queue.splice(0)) task.reject(startError);
    }
    this.workers.delete(worker);
    this.starting.delete(worker.token);
    const at = this.idle.indexOf(worker);
    if (at !== -1) this.idle.splice(at, 1);
    this.dispatch();
  }

  private abort(task: Task, reason: unknown): void {
    if (!task.reject(reason)) return;
    const queued = this.queue.indexOf(task);
    if (queued !== -1) this.queue.splice(queued, 1);
    for (const worker of this.workers) worker.drop(task);
  }
}

/** A module given as a URL, a file: URL string or an absolute path, as the specifier a worker imports. */
function moduleSpecifier(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (typeof module !== "string" || module === "") {
    throw new TypeError(`The module must be a URL or an absolute path, got ${describeValue(module)}`);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(module) && !module.startsWith("/")) return module;
  if (module.startsWith("/")) return `file://${module.split("/").map(encodeURIComponent).join("/")}`;
  throw new TypeError(
    `The module must be a URL or an absolute path, got ${JSON.stringify(module)}; for a module next to yours use new URL(${JSON.stringify(module)}, import.meta.url)`,
  );
}

/**
 * A worker's token: 128 random bits from the Web Crypto API (Node, Bun and Deno all have it), so that no
 * other local process can guess it and pose as the worker on the pool's channel.
 */
function workerToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
