// CPU-bound work for the demo's toProcess section: a deliberately slow Fibonacci.
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
