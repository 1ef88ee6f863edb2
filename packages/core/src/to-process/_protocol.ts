/** The messages exchanged between a toProcess pool and its workers, and how a worker finds its pool. */

/**
 * The environment variables core sets for a worker it starts: the pool's channel address and the token the
 * worker proves itself with. A worker reads and removes them before it serves calls.
 */
export const WORKER_VARIABLES = ["ANYPROC_WORKER_ADDRESS", "ANYPROC_WORKER_TOKEN"] as const;

/** Worker → pool, first message on a fresh connection. */
export interface Hello {
  t: "hello";
  token: string;
}
/** Pool → worker: run one call. `a` is the encoded argument list. */
export interface Call {
  t: "call";
  id: number;
  m: string;
  x: string;
  a: unknown;
}
/** Worker → pool: the call returned (`v` encoded). */
export interface Ok {
  t: "ok";
  id: number;
  v: unknown;
}
/** Worker → pool: the call threw (`e` encoded). */
export interface Err {
  t: "err";
  id: number;
  e: unknown;
}

/** Any message a worker sends. */
export type FromWorker = Hello | Ok | Err;
