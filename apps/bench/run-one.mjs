// One measurement in one fresh runtime process: `<runtime> run-one.mjs <anyproc|raw|tinypool> <metric>`
// (metrics in src/metrics.mjs); prints one JSON line with the result.
import { availableParallelism } from "node:os";
import process from "node:process";
import { pinPlacement } from "./src/affinity.mjs";
import { watchInterference } from "./src/interference.mjs";
import { roundTrip, throughput } from "./src/measure.mjs";
import { METRICS } from "./src/metrics.mjs";
import { runtimeName, runtimeVersion } from "./src/runtime.mjs";
import { SUBJECTS } from "./src/subjects.mjs";

const MEASURE = { rtt: roundTrip, tput: throughput };
const [subject, metric] = process.argv.slice(2);
if (!SUBJECTS[subject] || !METRICS[metric]) {
  console.error(`usage: run-one.mjs <${Object.keys(SUBJECTS).join("|")}> <${Object.keys(METRICS).join("|")}>`);
  process.exit(2);
}

const { kind, workers, placement } = METRICS[metric];
const size = workers === "one" ? 1 : availableParallelism();
const pool = await SUBJECTS[subject](size);
try {
  await Promise.all(Array.from({ length: size }, () => pool.call(1))); // every worker is running from here on
  const pinned = placement ? pinPlacement(placement) : null;
  if (placement && !pinned) throw new Error(`could not pin the processes (${placement} core): needs 2 CPUs and taskset`);
  const interference = watchInterference();
  const result = await MEASURE[kind](pool);
  const foreignCpu = interference();
  console.log(
    JSON.stringify({ runtime: runtimeName(), version: runtimeVersion(), subject, metric, workers: size, pinned, foreignCpu, ...result }),
  );
} finally {
  await pool.close();
}
process.exit(0);
