// CPU-bound work for the demo: a deliberately slow Fibonacci, imported inline and by toProcess workers.

/**
 * The n-th Fibonacci number, computed the slow recursive way (fib(37) takes 150–350 ms, depending on the runtime).
 * @param {number} n
 * @returns {number}
 */
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
