// The module the toProcess recipes run in worker processes: plain exported functions.
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** Keeps a CPU busy for `ms` milliseconds, the way a long synchronous computation would. */
export function spin(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end);
  return ms;
}

/** Ends the worker process in the middle of a call, as a native crash or an out-of-memory kill would. */
export function crash(code) {
  process.exit(code);
}
