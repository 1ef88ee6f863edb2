// The spawn suite's measurements, with tinybench as the harness: per-call latency of sequential calls, the
// wall time of a batch of concurrent calls, throughput, each taken side by side with the other subjects of
// the process (interleaved passes), and the peak memory one subject holds while streaming, in its own process.
import { Bench } from "tinybench";
import { summarize } from "../shared/stats.mjs";
import { collectGarbage, watchPeakRss } from "./memory.mjs";
import { COMMANDS, CONCURRENCY } from "./scenarios.mjs";

/** Budgets per measurement, full and `--quick`. */
export const EFFORT = {
  full: { seqWarmup: 20, seqMs: 400, passes: 4, concBatches: 4, pairRuns: 4, stdinRuns: 12, streamRuns: 1, heapSpawns: 25 },
  quick: { seqWarmup: 5, seqMs: 100, passes: 2, concBatches: 2, pairRuns: 1, stdinRuns: 2, streamRuns: 1, heapSpawns: 8 },
};

/** Runs `fn` under tinybench and returns its latency statistics (ms), samples kept. */
async function timed(fn, options) {
  const bench = new Bench({ throws: true, retainSamples: true, ...options });
  bench.add("task", fn);
  await bench.run();
  const { result } = bench.tasks[0];
  if (result.state !== "completed") throw result.error ?? new Error(`benchmark ${result.state}`);
  return result.latency;
}

/** The median of `values`. */
export const median = (values) => summarize(values).median;

/**
 * Measures several subjects side by side: `once(item, warmup)` resolves to that item's samples of one pass.
 * After a warm-up pass, `passes` passes run every item in turn (the order rotated each pass), so drift in the
 * machine's state touches every item alike. Resolves to `{ samples: Map<item, number[]>, failed: Map<item, error> }`;
 * an item that throws is dropped from the later passes.
 */
export async function interleave(items, passes, once) {
  const samples = new Map(items.map((item) => [item, []]));
  const failed = new Map();
  for (let pass = -1; pass < passes; pass++) {
    const live = items.filter((item) => !failed.has(item));
    const order = pass < 0 ? live : live.map((_, i) => live[(i + pass) % live.length]);
    for (const item of order) {
      try {
        const got = await once(item, pass < 0);
        if (pass >= 0) samples.get(item).push(...got);
      } catch (error) {
        failed.set(item, error);
      }
    }
  }
  for (const item of failed.keys()) samples.delete(item);
  return { samples, failed };
}

/** The callable one sequential measurement repeats: spawn `/bin/true`, or capture `/bin/echo` (checked). */
export function sequentialCall(ops, op) {
  return op === "capture" ? checkedCapture(ops) : () => ops.spawn(COMMANDS.true);
}

/**
 * One pass of sequential calls of `fn` under tinybench: the warm-up pass makes `effort.seqWarmup` calls, a
 * measured pass calls for `effort.seqMs / effort.passes` ms (at least 8 calls). Resolves to the latencies in µs.
 */
export async function sequentialPass(fn, effort, warmup) {
  const options = warmup
    ? { time: 0, warmupTime: 0, iterations: effort.seqWarmup, warmupIterations: 0 }
    : { time: effort.seqMs / effort.passes, warmupTime: 0, iterations: 8, warmupIterations: 0 };
  const latency = await timed(fn, options);
  return latency.samples.map((ms) => ms * 1000);
}

/** Median µs of `spawns` sequential `ops.spawn(COMMANDS.true)` (after 3 warm-up calls). */
export async function sequential(ops, spawns) {
  const latency = await timed(() => ops.spawn(COMMANDS.true), { time: 0, warmupTime: 0, iterations: spawns, warmupIterations: 3 });
  return { value: latency.p50 * 1000, samples: latency.samplesCount };
}

function checkedCapture(ops) {
  return async () => {
    const { stdout } = await ops.capture(COMMANDS.echo);
    if (stdout.trim() !== "hello") throw new Error(`captured ${JSON.stringify(stdout)} instead of "hello"`); // execa and nano-spawn strip the final newline
  };
}

/** One batch of {@link CONCURRENCY} `ops.spawn(COMMANDS.true)` in flight at once, timed by tinybench: `[ms]`. */
export async function concurrentBatch(ops) {
  const batch = () => Promise.all(Array.from({ length: CONCURRENCY }, () => ops.spawn(COMMANDS.true)));
  const latency = await timed(batch, { time: 0, warmupTime: 0, iterations: 1, warmupIterations: 0 });
  return latency.samples;
}

/** Checks that a streaming call moved `bytes` (`got`: the count, the bytes, or nothing for a write). */
function checkMoved(got, bytes) {
  const n = typeof got === "number" ? got : (got?.byteLength ?? got?.length);
  if (n !== undefined && n !== bytes) throw new Error(`moved ${n} bytes instead of ${bytes}`);
}

/** One timed streaming call `fn()` that moves `bytes`, after a full GC: `[MB/s]` (MB = 10^6 bytes). */
export async function streamPass(fn, bytes) {
  collectGarbage();
  const began = performance.now();
  const got = await fn();
  const ms = performance.now() - began;
  checkMoved(got, bytes);
  return [bytes / 1e6 / (ms / 1000)];
}

/**
 * Streams `bytes` through the child with `fn()` (which resolves once done, to the byte count or the bytes
 * read, or nothing for a write). The first run, in the fresh process, gives the memory figure: how far the
 * peak RSS rose above the RSS before it, in bytes (later runs would reuse memory the allocator kept). It is
 * also the warm-up; then the median of the timed runs gives MB/s (10^6 bytes/s).
 */
export async function streamed(fn, bytes, effort) {
  const check = (got) => checkMoved(got, bytes);
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
  return { value: bytes / 1e6 / (median(times) / 1000), rss, samples: times.length };
}
