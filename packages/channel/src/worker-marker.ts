/**
 * Whether this process was started marked as a toProcess worker: a single-file program that a pool started as
 * one of its workers must serve calls from its import of anyproc on. A module of its own, so that a lazy entry
 * (an adapter's `lazy` module) can ask without loading the channel.
 *
 * This package reads the global `process` (Node, Bun and Deno 2 all have it), never `import process from
 * "node:process"`: Node builds that module's namespace from every property of `process`, which creates
 * `process.stdout`, `stdin` and `stderr` and loads the stream modules, a cost at every import of anyproc.
 */
import { WORKER_VARIABLES } from "@anyproc/core/loader";

/**
 * True when the first of `WORKER_VARIABLES` is set. It is read only when `readable` (if given) says the
 * process may read it without a prompt: importing an adapter needs no permission.
 */
export function startedAsWorker(readable?: () => boolean): boolean {
  return readable?.() !== false && process.env[WORKER_VARIABLES[0]] !== undefined;
}
