/** Whether this process is a toProcess worker: a flag set before the worker serves its first call. */

/**
 * Process-wide, not per module: a worker's program carries its own bundled copy of core, and the user's module
 * may load another through `anyproc`; every copy must see that the process is a worker.
 */
const WORKER_FLAG = Symbol.for("anyproc.toProcess.isWorker");

/** Marks this process as a toProcess worker (read by `toProcess.isWorker` and the nested-pool check). */
export function markWorker(): void {
  (globalThis as Record<symbol, unknown>)[WORKER_FLAG] = true;
}

/** True inside a toProcess worker process. */
export function isWorkerProcess(): boolean {
  return (globalThis as Record<symbol, unknown>)[WORKER_FLAG] === true;
}
