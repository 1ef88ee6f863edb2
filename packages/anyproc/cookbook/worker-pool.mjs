// CPU-bound functions in a pool of worker processes: limits, abort and a crashing worker.
import { BrokenWorkerError, toProcess } from "anyproc";

const work = new URL("./work.mjs", import.meta.url); // exports fib, spin and crash
const pool = toProcess.pool({ maxWorkers: 2, idleTimeout: 10_000 });
try {
  // 1. Fan out: four calls, at most two workers; the other calls wait for a free one.
  const results = await Promise.all([25, 26, 27, 28].map((n) => pool.run(work, "fib", [n])));
  console.log(`fib: ${results.join(" ")}`);

  // 2. Abort a running call: its worker is killed at once, even inside a synchronous loop.
  const controller = new AbortController();
  const long = pool.run(work, "spin", [60_000], { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("no longer needed")), 200);
  await long.catch((error) => console.log(`spin: ${error.message}`));

  // 3. A worker that dies mid-call fails that call only; the pool starts a new worker.
  await pool.run(work, "crash", [3]).catch((error) => {
    if (!(error instanceof BrokenWorkerError)) throw error;
    console.log(`crash: ${error.name}, exit code ${error.exitCode}`);
  });
  console.log(`after the crash: ${await pool.run(work, "fib", [20])}`);
} finally {
  await pool.close(); // waits up to 2 s for running calls, then kills what is left
}
