// The toProcess performance targets and their check against a run's medians: warm round trip within
// 1.5× the raw channel's (on every runtime, in each CPU placement), and full-pool throughput at least
// tinypool's (child_process, so Node only).
import { METRICS, ROUND_TRIPS } from "./metrics.mjs";

/** Highest allowed anyproc/raw round-trip ratio. */
export const MAX_RTT_RATIO = 1.5;
/** Lowest allowed anyproc/tinypool throughput ratio. */
export const MIN_TPUT_RATIO = 1;

/** `results[runtime][subject][metric]` is a summary (`median`…); returns one entry per target. */
export function checkTargets(results) {
  const checks = [];
  const check = (runtime, target, value, limit, met) => checks.push({ runtime, target, value, limit, met });
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
  }
  return checks;
}
