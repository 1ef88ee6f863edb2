// The toProcess performance targets and their check against a run's medians: warm round trip within
// 1.5× the raw channel's (on every runtime, in each CPU placement), full-pool throughput at least
// tinypool's (child_process, so Node only), and on Node a call that starts a worker with ~1 GB of heap within
// 2× its cost with a small heap, its workers started by a spawn helper started while small. Each check is
// `{ runtime, target, value, limit, met, budget }`; `budget: false` marks a figure reported for comparison
// only (workers started by the caller itself, which forks its whole address space), which never fails the bench.
import { METRICS, ROUND_TRIPS, WORKER_STARTS } from "./metrics.mjs";

/** Highest allowed anyproc/raw round-trip ratio. */
export const MAX_RTT_RATIO = 1.5;
/** Lowest allowed anyproc/tinypool throughput ratio. */
export const MIN_TPUT_RATIO = 1;
/** Highest allowed ratio of a worker-starting call with ~1 GB of heap to the same call with a small heap. */
export const MAX_START_RATIO = 2;

/** The worker-start figures held to {@link MAX_START_RATIO}: ratio key → what it is. */
export const START_RATIOS = {
  firstRatio: "toProcess first call, small heap vs ~1 GB heap",
  replacedRatio: "toProcess call after a replaced worker, small vs ~1 GB",
};

/** `results[runtime][subject][metric]` is a summary (`median`…); returns one entry per target. */
export function checkTargets(results) {
  const checks = [];
  const check = (runtime, target, value, limit, met, budget = true) => checks.push({ runtime, target, value, limit, met, budget });
  for (const [runtime, r] of Object.entries(results)) {
    for (const metric of ROUND_TRIPS) {
      const any = r.anyproc?.[metric]?.median;
      const raw = r.raw?.[metric]?.median;
      if (any === undefined || raw === undefined) continue;
      check(
        runtime,
        `round trip (${METRICS[metric].label}) ≤ ${MAX_RTT_RATIO}× raw channel`,
        any / raw,
        MAX_RTT_RATIO,
        any / raw <= MAX_RTT_RATIO,
      );
    }
    const any = r.anyproc?.tput?.median;
    const tiny = r.tinypool?.tput?.median;
    if (any !== undefined && tiny !== undefined) {
      check(runtime, `throughput ≥ ${MIN_TPUT_RATIO}× tinypool (child_process)`, any / tiny, MIN_TPUT_RATIO, any / tiny >= MIN_TPUT_RATIO);
    }
    // Each ratio is the median of those each process measured between its own two heap sizes.
    for (const metric of WORKER_STARTS) {
      for (const [key, what] of Object.entries(START_RATIOS)) {
        const ratio = r.anyproc?.[metric]?.[key]?.median;
        if (ratio === undefined) continue;
        const by = METRICS[metric].helper ? "workers started by a spawn helper" : "workers started by the caller";
        check(runtime, `${what} (${by}) ≤ ${MAX_START_RATIO}×`, ratio, MAX_START_RATIO, ratio <= MAX_START_RATIO, METRICS[metric].helper);
      }
    }
  }
  return checks;
}
