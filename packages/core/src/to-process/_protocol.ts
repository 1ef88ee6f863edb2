/** The messages exchanged between a toProcess pool and its workers. */

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
