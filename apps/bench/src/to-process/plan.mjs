// What one toProcess round measures: per runtime (node, bun, deno and the newest Node line), every subject on
// it and every metric that applies to both, interleaved round-robin so slow drift of the machine spreads over
// every variant alike, and the argv that starts each.
import { kindOf, MEASURE_ONE, NEWEST_NODE, RUNTIMES_AND_NEWEST_NODE as RUNTIMES } from "../shared/runtimes.mjs";
import { METRICS } from "./metrics.mjs";

const NODES = NEWEST_NODE === null ? ["node"] : ["node", NEWEST_NODE];

/** Subject (see subjects.mjs) → the runtimes it runs on. */
export const SUBJECT_RUNTIMES = {
  anyproc: [...NODES, "bun", "deno"],
  raw: [...NODES, "bun", "deno"],
  tinypool: NODES,
};

/** Whether `metric` is taken of `subject` on `runtime` (see the limits in metrics.mjs). */
const applies = (metric, subject, runtime) =>
  (METRICS[metric].subjects?.includes(subject) ?? true) && (METRICS[metric].runtimes?.includes(kindOf(runtime)) ?? true);

/** Every measurement of one round, in the order to run them: `{ runtime, subject, metric }`. */
export function variants() {
  const out = [];
  for (const runtime of Object.keys(RUNTIMES)) {
    for (const [subject, on] of Object.entries(SUBJECT_RUNTIMES)) {
      if (!on.includes(runtime)) continue;
      for (const metric of Object.keys(METRICS)) if (applies(metric, subject, runtime)) out.push({ runtime, subject, metric });
    }
  }
  return out;
}

/** argv of one measurement process. */
export function measurementArgv({ runtime, subject, metric }) {
  return [...RUNTIMES[runtime], MEASURE_ONE, "to-process", subject, metric];
}
