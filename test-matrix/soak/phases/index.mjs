// The soak phases in the order they run, with the counts and what each does.
import * as cancel from "./cancel.mjs";
import * as concurrent from "./concurrent.mjs";
import * as sequential from "./sequential.mjs";
import * as toProcess from "./to-process.mjs";

/**
 * @typedef {object} Phase
 * @property {string} name
 * @property {number} runs calls at scale 1
 * @property {string} about one paragraph for docs/contributing/reliability.md
 * @property {(context: import("../workload.mjs").PhaseContext) => Promise<import("../_calls.mjs").CallsReport>} run
 */

/** @type {Phase[]} */
export const PHASES = [
  { name: "sequential", runs: sequential.RUNS, about: sequential.ABOUT, run: sequential.sequential },
  { name: "concurrent", runs: concurrent.RUNS, about: concurrent.ABOUT, run: concurrent.concurrent },
  { name: "cancel", runs: cancel.RUNS, about: cancel.ABOUT, run: cancel.cancel },
  { name: "toProcess", runs: toProcess.RUNS, about: toProcess.ABOUT, run: toProcess.toProcessCalls },
];
