/**
 * toProcess: run CPU-bound functions in worker processes of the caller's own runtime. The target is a
 * module plus an export name, because a function cannot be sent to another process.
 */
import type { AdapterLoader, ProcessAdapter, WorkerChannel } from "../adapter.js";
import type { Cloned } from "../types.js";
import { isWorkerProcess, markWorker } from "./_worker-flag.js";
import { type CallOptions, createPool, type PoolOptions, type WorkerPool } from "./pool.js";

/**
 * The functions of module type `M`, each returning a promise of its (awaited) result. Arguments and results
 * cross the process boundary as structured clones, so both are typed as {@link Cloned}: a class instance
 * comes back as a plain object of its fields, without its methods.
 */
export type BoundModule<M> = {
  [K in keyof M as M[K] extends (...args: never[]) => unknown ? K : never]: M[K] extends (...args: infer A) => infer R
    ? (...args: Cloned<A>) => Promise<Cloned<Awaited<R>>>
    : never;
};

/** The toProcess API bound to one adapter. */
export interface ToProcess {
  /** Calls `exportName` of `module` in the default pool (one per caller process). */
  run<T = unknown>(module: string | URL, exportName: string, args?: readonly unknown[], options?: CallOptions): Promise<T>;
  /** Creates a pool of its own. */
  pool(options?: PoolOptions): WorkerPool;
  /** A typed proxy: `const work = toProcess.bind<typeof import("./work.js")>(url); await work.fib(30)`. */
  bind<M>(module: string | URL): BoundModule<M>;
  /**
   * True inside a toProcess worker process, from before any of the program's own code runs there. A module a
   * worker imports runs its top-level code in the worker too (and in a single-file binary, which is its own
   * worker, so does the program up to its import of anyproc): guard what is meant only for the caller with
   * `if (!toProcess.isWorker)`, as Python guards it with `if __name__ == "__main__"`. In a worker, `run` and
   * `pool` refuse to start workers of their own.
   */
  readonly isWorker: boolean;
}

/**
 * Creates the toProcess API for `adapter`, or for the adapter `adapter` loads at the first call; its default
 * pool starts lazily on the first `run`.
 */
export function createToProcess(adapter: ProcessAdapter | AdapterLoader): ToProcess {
  let defaultPool: WorkerPool | null = null;
  const run: ToProcess["run"] = async (module, exportName, args, options) => {
    defaultPool ??= createPool(adapter);
    return defaultPool.run(module, exportName, args, options);
  };
  return {
    run,
    pool: (options) => createPool(adapter, options),
    bind<M>(module: string | URL): BoundModule<M> {
      return new Proxy({} as BoundModule<M>, {
        get: (_target, name) => (typeof name === "string" && name !== "then" ? (...args: unknown[]) => run(module, name, args) : undefined),
      });
    },
    get isWorker() {
      return isWorkerProcess();
    },
  };
}

export { WORKER_VARIABLES } from "./_protocol.js";
export type { CallOptions, PoolOptions, WorkerPool } from "./pool.js";

/**
 * Serves calls on `channel`, one at a time in arrival order, until the pool ends its side; resolves once
 * every reply has been written and our side is ended. The process counts as a worker from this call on,
 * while the channel may still be connecting (so code that runs meanwhile cannot start a pool of its own).
 * `typescriptHint` explains, when a `.ts` module cannot be imported, what this runtime needs to run TypeScript.
 * Each runtime's worker program connects the channel and calls this; the worker side (./serve.ts) is loaded
 * only then.
 */
export function serveWorker(connecting: WorkerChannel | Promise<WorkerChannel>, token: string, typescriptHint?: string): Promise<void> {
  markWorker();
  return import("./serve.js").then((worker) => worker.serveWorker(connecting, token, typescriptHint));
}
