// What one toProcess round measures: per runtime, every subject on it and every metric, interleaved
// round-robin so slow drift of the machine spreads over every variant alike, and the argv that starts each.
import { MEASURE_ONE, RUNTIMES } from "../shared/runtimes.mjs";
import { METRICS } from "./metrics.mjs";

/** Subject (see subjects.mjs) → the runtimes it runs on. */
export const SUBJECT_RUNTIMES = {
  anyproc: ["node", "bun", "deno"],
  raw: ["node", "bun", "deno"],
  tinypool: ["node"],
};

/** Every measurement of one round, in the order to run them: `{ runtime, subject, metric }`. */
export function variants() {
  const out = [];
  for (const runtime of Object.keys(RUNTIMES)) {
    for (const [subject, on] of Object.entries(SUBJECT_RUNTIMES)) {
      if (!on.includes(runtime)) continue;
      for (const metric of Object.keys(METRICS)) out.push({ runtime, subject, metric });
    }
  }
  return out;
}

/** argv of one measurement process. */
export function measurementArgv({ runtime, subject, metric }) {
  return [...RUNTIMES[runtime], MEASURE_ONE, "to-process", subject, metric];
}
