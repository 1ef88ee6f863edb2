/**
 * Worker pools for CPU-bound calls, as a caller sees them: their options, what a pool does, and
 * {@link createPool}, which checks the options at once and loads the pool itself (./_pool.ts) at its first call.
 */
import type { AdapterLoader, ProcessAdapter, WorkerSupport } from "../adapter.js";
import { ProcessError } from "../errors.js";
import { describeValue } from "../signals.js";
import { isWorkerProcess } from "./_worker-flag.js";

/** Options of {@link ToProcess.pool}. */
export interface PoolOptions {
  /** Most worker processes at once. Default: the available parallelism. */
  maxWorkers?: number;
  /** Milliseconds an idle worker lives before it exits. Default 300 000 (5 minutes). */
  idleTimeout?: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Abort before the call is sent: nothing runs. Abort while it runs: the worker is killed and replaced. */
  signal?: AbortSignal;
}

/** A pool of worker processes. */
export interface WorkerPool {
  /** Calls `exportName` of `module` in a worker with `args` (structured-clone values) and resolves its result. */
  run<T = unknown>(module: string | URL, exportName: string, args?: readonly unknown[], options?: CallOptions): Promise<T>;
  /** Rejects queued calls, lets running calls finish for a grace period, then kills every worker. */
  close(): Promise<void>;
}

/**
 * Why a worker may not start workers of its own: each would be a worker that may start more, without bound.
 * In a single-file binary every worker runs the program's top-level code too, which is where such calls come from.
 */
const NESTED_POOL =
  "toProcess cannot start worker processes inside a toProcess worker: workers that start workers could multiply without bound. " +
  "Do the nested work in the worker itself, and keep top-level code that calls toProcess out of workers with `if (!toProcess.isWorker)`";

const DEFAULT_IDLE_TIMEOUT = 5 * 60 * 1000;

/** The toProcess support of `adapter`; a TypeError when it has none. */
function supportOf(adapter: ProcessAdapter): WorkerSupport {
  if (!adapter.workers) throw new TypeError(`The ${adapter.runtime} adapter does not support toProcess worker pools`);
  return adapter.workers;
}

/**
 * Creates a pool on `adapter`, or on the adapter `adapter` loads: the options are checked at once, and a
 * loaded adapter's toProcess support at the first call.
 */
export function createPool(adapter: ProcessAdapter | AdapterLoader, options: PoolOptions = {}): WorkerPool {
  if (isWorkerProcess()) throw new ProcessError(NESTED_POOL);
  if (typeof adapter !== "function") supportOf(adapter);
  if (options === null || typeof options !== "object")
    throw new TypeError(`The pool options must be an object, got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (key !== "maxWorkers" && key !== "idleTimeout") throw new TypeError(`Unknown option ${JSON.stringify(key)} for toProcess.pool()`);
  }
  const { maxWorkers } = options;
  if (maxWorkers !== undefined && (!Number.isInteger(maxWorkers) || maxWorkers < 1)) {
    throw new RangeError(`\`maxWorkers\` must be a positive integer, got ${describeValue(maxWorkers)}`);
  }
  const idleTimeout = options.idleTimeout ?? DEFAULT_IDLE_TIMEOUT;
  if (typeof idleTimeout !== "number" || !(idleTimeout >= 0) || idleTimeout === Infinity) {
    throw new RangeError(`\`idleTimeout\` must be a non-negative finite number of milliseconds, got ${describeValue(idleTimeout)}`);
  }
  // The pool itself, with its workers, channel and protocol, is a module of its own, loaded by the first call
  // or close(): importing the package does not load it, and a program that never starts a pool never does.
  let pool: Promise<WorkerPool> | undefined;
  const start = async (): Promise<WorkerPool> => {
    const [resolved, { Pool }] = await Promise.all([typeof adapter === "function" ? adapter() : adapter, import("./_pool.js")]);
    const support = supportOf(resolved);
    return new Pool(resolved, support, maxWorkers ?? Math.max(1, support.parallelism()), idleTimeout);
  };
  // A start that failed (the adapter did not load, or has no worker support) is tried again by the next call.
  const loaded = () =>
    (pool ??= start().catch((error: unknown) => {
      pool = undefined;
      throw error;
    }));
  return {
    run: <T>(module: string | URL, exportName: string, args?: readonly unknown[], callOptions?: CallOptions) =>
      loaded().then((p) => p.run<T>(module, exportName, args, callOptions)),
    close: () => loaded().then((p) => p.close()),
  };
}
