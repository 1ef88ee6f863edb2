// What one pipeline-suite round measures: per runtime (node, bun, deno and the newest Node line), one process
// per chosen scenario that runs there, with the argv that starts each.
import { kindOf, MEASURE_ONE, RUNTIMES_AND_NEWEST_NODE as RUNTIMES } from "../shared/runtimes.mjs";
import { chosenScenarios, SCENARIOS } from "./scenarios.mjs";

/** Runtime flags that let a measurement process collect garbage before each timed run, per {@link kindOf}. */
const GC_FLAGS = { node: ["--expose-gc"], bun: [], deno: ["--v8-flags=--expose-gc"] };

/** Every measurement of one round, in order: `{ runtime, scenario }`, for the scenarios {@link chosenScenarios} gives. */
export function pipelineVariants() {
  const out = [];
  for (const scenario of chosenScenarios()) {
    const { only } = SCENARIOS[scenario];
    for (const runtime of Object.keys(RUNTIMES)) if (!only || only.includes(kindOf(runtime))) out.push({ runtime, scenario });
  }
  return out;
}

/** argv of one measurement process. */
export function pipelineArgv({ runtime, scenario }, round, quick) {
  const [exe, ...rest] = RUNTIMES[runtime];
  return [exe, ...rest, ...GC_FLAGS[kindOf(runtime)], MEASURE_ONE, "pipeline", scenario, String(round), ...(quick ? ["--quick"] : [])];
}
