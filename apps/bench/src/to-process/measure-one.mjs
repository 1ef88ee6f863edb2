// One toProcess measurement in this (fresh) runtime process: opens the subject's pool, starts every worker,
// pins the processes for a round trip, and takes the metric (metrics in metrics.mjs); a worker-start metric
// opens its own pools instead (worker-start.mjs).
import { availableParallelism } from "node:os";
import { pinPlacement } from "../shared/affinity.mjs";
import { watchInterference } from "../shared/interference.mjs";
import { runtimeName, runtimeVersion } from "../shared/runtime.mjs";
import { roundTrip, throughput } from "./measure.mjs";
import { METRICS } from "./metrics.mjs";
import { SUBJECTS } from "./subjects.mjs";
import { workerStart } from "./worker-start.mjs";

const MEASURE = { rtt: roundTrip, tput: throughput };

/** The arguments `measure-one.mjs to-process` takes. */
export const USAGE = `<${Object.keys(SUBJECTS).join("|")}> <${Object.keys(METRICS).join("|")}>`;

/**
 * Takes `metric` of `subject` (the arguments `[subject, metric]`): resolves to the JSON the runner records, or
 * null when the arguments name no subject or metric (or a pair the metric is not taken of).
 */
export async function measureOne([subject, metric]) {
  if (!SUBJECTS[subject] || !METRICS[metric]) return null;
  const { kind, workers, placement, helper, subjects } = METRICS[metric];
  if (subjects && !subjects.includes(subject)) return null;
  const facts = { runtime: runtimeName(), version: runtimeVersion(), subject, metric };
  if (kind === "start") {
    const interference = watchInterference();
    const figures = await workerStart(helper);
    return { ...facts, workers: 1, foreignCpu: interference(), figures };
  }
  const size = workers === "one" ? 1 : availableParallelism();
  const pool = await SUBJECTS[subject](size);
  try {
    await Promise.all(Array.from({ length: size }, () => pool.call(1))); // every worker is running from here on
    const pinned = placement ? pinPlacement(placement) : null;
    if (placement && !pinned) throw new Error(`could not pin the processes (${placement} core): needs 2 CPUs and taskset`);
    const interference = watchInterference();
    const result = await MEASURE[kind](pool);
    const foreignCpu = interference();
    return { ...facts, workers: size, pinned, foreignCpu, ...result };
  } finally {
    await pool.close();
  }
}
