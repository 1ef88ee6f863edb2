// The spawn suite's measurements, with tinybench as the harness: per-call latency of sequential calls,
// the wall time of a batch of concurrent calls, and throughput with the peak memory held while streaming.
import { Bench } from "tinybench";
import { collectGarbage, watchPeakRss } from "./memory.mjs";
import { COMMANDS, CONCURRENCY } from "./scenarios.mjs";

/** Budgets per measurement, full and `--quick`. */
export const EFFORT = {
  full: { seqWarmup: 20, seqMs: 400, concWarmup: 1, concBatches: 4, streamRuns: 2, heapSpawns: 25 },
  quick: { seqWarmup: 5, seqMs: 100, concWarmup: 1, concBatches: 2, streamRuns: 1, heapSpawns: 8 },
};

/** Runs `fn` under tinybench and returns its latency summary (ms). */
async function timed(fn, options) {
  const bench = new Bench({ throws: true, ...options });
  bench.add("task", fn);
  await bench.run();
  const { result } = bench.tasks[0];
  if (result.state !== "completed") throw result.error ?? new Error(`benchmark ${result.state}`);
  return result.latency;
}

/** Median µs of one sequential `op(COMMANDS.true)` (or `capture` of /bin/echo, checked). */
export async function sequential(ops, op, effort, spawns) {
  const fn = op === "capture" ? checkedCapture(ops) : () => ops.spawn(COMMANDS.true);
  const options = spawns
    ? { time: 0, warmupTime: 0, iterations: spawns, warmupIterations: Math.min(3, spawns) }
    : { time: effort.seqMs, warmupTime: 0, iterations: 30, warmupIterations: effort.seqWarmup };
  const latency = await timed(fn, options);
  return { value: latency.p50 * 1000, samples: latency.samplesCount };
}

function checkedCapture(ops) {
  return async () => {
    const { stdout } = await ops.capture(COMMANDS.echo);
    if (stdout.trim() !== "hello") throw new Error(`captured ${JSON.stringify(stdout)} instead of "hello"`); // execa and nano-spawn strip the final newline
  };
}

/** Median ms of {@link CONCURRENCY} `ops.spawn(COMMANDS.true)` in flight at once. */
export async function concurrent(ops, effort) {
  const batch = () => Promise.all(Array.from({ length: CONCURRENCY }, () => ops.spawn(COMMANDS.true)));
  const latency = await timed(batch, { time: 0, warmupTime: 0, iterations: effort.concBatches, warmupIterations: effort.concWarmup });
  return { value: latency.p50, samples: latency.samplesCount };
}

/**
 * Streams `bytes` through the child with `fn()` (which resolves once done, to the byte count or the bytes
 * read, or nothing for a write). The first run, in the fresh process, gives the memory figure: how far the
 * peak RSS rose above the RSS before it, in bytes (later runs would reuse memory the allocator kept). It is
 * also the warm-up; then the median of the timed runs gives MB/s (10^6 bytes/s).
 */
export async function streamed(fn, bytes, effort) {
  const check = (got) => {
    const n = typeof got === "number" ? got : (got?.byteLength ?? got?.length);
    if (n !== undefined && n !== bytes) throw new Error(`moved ${n} bytes instead of ${bytes}`);
  };
  collectGarbage();
  const stop = watchPeakRss();
  check(await fn());
  const rss = stop();
  const times = [];
  for (let i = 0; i < effort.streamRuns; i++) {
    collectGarbage();
    const began = performance.now();
    const got = await fn();
    times.push(performance.now() - began);
    check(got);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  return { value: bytes / 1e6 / (median / 1000), rss, samples: times.length };
}
