// A concurrency limiter in a dozen lines: the piece to copy when you run many scripts at once.

/**
 * Creates a limiter that runs at most `max` calls at a time; the rest wait in arrival order.
 * `limit(fn)` resolves or rejects as `fn()` does.
 *
 * @example
 * const limit = createLimit(4);
 * await Promise.all(scripts.map((argv) => limit(() => runProcess(argv))));
 *
 * @param {number} max how many calls may run at once (at least 1)
 * @returns {<T>(fn: () => Promise<T> | T) => Promise<T>}
 */
export function createLimit(max) {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`\`max\` must be a positive integer, got ${max}`);
  let running = 0;
  const waiting = [];
  const startNext = () => {
    if (running >= max || waiting.length === 0) return;
    running++;
    const { fn, resolve, reject } = waiting.shift();
    Promise.resolve()
      .then(fn)
      .then(resolve, reject)
      .finally(() => {
        running--;
        startNext();
      });
  };
  return (fn) =>
    new Promise((resolve, reject) => {
      waiting.push({ fn, resolve, reject });
      startNext();
    });
}
