// What one cold-start round measures: one measurement process per runtime (node, the newest Node line, bun,
// deno), each a process of the Node that runs the bench, given the argv prefix that runs a script on its runtime.
import process from "node:process";
import { MEASURE_ONE, RUNTIMES_AND_NEWEST_NODE as RUNTIMES } from "../shared/runtimes.mjs";

/** Every measurement of one round, in order: `{ runtime }`. */
export function coldStartVariants() {
  return Object.keys(RUNTIMES).map((runtime) => ({ runtime }));
}

/** argv of one measurement process. */
export function coldStartArgv({ runtime }, round, quick) {
  return [process.execPath, MEASURE_ONE, "cold-start", runtime, String(round), ...(quick ? ["--quick"] : []), "--", ...RUNTIMES[runtime]];
}
