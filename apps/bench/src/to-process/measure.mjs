// The two measurements, with tinybench as the harness: warm round trip of one call at a time, and
// calls per second with every call of a batch in flight at once (a full pool).
import { Bench } from "tinybench";

/** Trivial calls per throughput batch, all in flight together. */
export const BATCH = 2000;
/** Sequential round trips: warm-up and measuring budgets (ms). */
const RTT_WARMUP_MS = 300;
const RTT_TIME_MS = 700;
/** Throughput batches: warm-up (starts every worker) and measured. */
const TPUT_WARMUP_BATCHES = 2;
const TPUT_BATCHES = 5;

/** Median round trip of `pool.call(1)` in µs, after warm-up. */
export async function roundTrip(pool) {
  const bench = new Bench({ time: RTT_TIME_MS, warmupTime: RTT_WARMUP_MS, iterations: 200, warmupIterations: 200, throws: true });
  bench.add("round trip", async () => {
    if ((await pool.call(1)) !== 1) throw new Error("echo(1) did not return 1");
  });
  await bench.run();
  const { latency } = completed(bench);
  return { value: latency.p50 * 1000, unit: "µs", samples: latency.samplesCount, p99: latency.p99 * 1000 };
}

/** Calls per second over batches of {@link BATCH} calls issued at once (median batch), after warm-up. */
export async function throughput(pool) {
  const bench = new Bench({ time: 0, warmupTime: 0, iterations: TPUT_BATCHES, warmupIterations: TPUT_WARMUP_BATCHES, throws: true });
  bench.add("full pool", async () => {
    const results = await Promise.all(Array.from({ length: BATCH }, () => pool.call(1)));
    if (results.some((r) => r !== 1)) throw new Error("echo(1) did not return 1");
  });
  await bench.run();
  const { latency } = completed(bench);
  return { value: BATCH / (latency.p50 / 1000), unit: "calls/s", samples: latency.samplesCount, batch: BATCH };
}

function completed(bench) {
  const result = bench.tasks[0].result;
  if (result.state !== "completed") throw result.error ?? new Error(`benchmark ${result.state}`);
  return result;
}

/** How the two kinds of figure are measured, in words (for the report). */
export const METHOD_NOTES = [
  `Round trip: \`echo(1)\` through a 1-worker pool, one call at a time, each call timed by tinybench ` +
    `(${RTT_WARMUP_MS} ms of warm-up, then at least ${RTT_TIME_MS} ms); a process's figure is its median call. ` +
    `After the worker has started, the caller and its worker are pinned with \`taskset\`: both on CPU 0 ("same core") ` +
    `or the caller on CPU 0 and the worker on CPU 1 ("cross core"). Unpinned, a run lands in either regime at the scheduler's whim.`,
  `Throughput: ${BATCH} \`echo(1)\` calls issued at once into a pool of \`availableParallelism()\` workers, unpinned ` +
    `(${TPUT_WARMUP_BATCHES} warm-up batches, then ${TPUT_BATCHES}); a process's figure is ${BATCH} / its median batch time.`,
];
