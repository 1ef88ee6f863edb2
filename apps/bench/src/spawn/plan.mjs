// What one spawn-suite round measures: per runtime (node, bun, deno and the newest Node line), one process per grouped scenario (all its subjects side
// by side) and one per subject of the streaming scenarios, with the argv that starts each.
import { kindOf, MEASURE_ONE, RUNTIMES_AND_NEWEST_NODE as RUNTIMES } from "../shared/runtimes.mjs";
import { SCENARIOS } from "./scenarios.mjs";

/** Entries that only make sense on some runtimes (the rest run everywhere); every Node line is "node". */
const ONLY_ON = {
  helper: ["node"],
  "native-alt": ["node", "deno"],
  "native-reuse": ["node", "bun"],
  "anyproc-reuse-read-buffer": ["node"],
};

/** Runtime flags that let a measurement process collect garbage between streaming runs, per {@link kindOf}. */
const GC_FLAGS = { node: ["--expose-gc"], bun: [], deno: ["--v8-flags=--expose-gc"] };

/** Whether `key` is measured on `runtime`. */
const runsOn = (key, runtime) => ONLY_ON[key]?.includes(kindOf(runtime)) ?? true;

/** Every measurement of one round, in order: `{ runtime, scenario, key }` (`key` is "all" for a grouped scenario). */
export function spawnVariants() {
  const out = [];
  for (const [scenario, { grouped, entries }] of Object.entries(SCENARIOS)) {
    for (const runtime of Object.keys(RUNTIMES)) {
      if (grouped) out.push({ runtime, scenario, key: "all" });
      else for (const { key } of entries) if (runsOn(key, runtime)) out.push({ runtime, scenario, key });
    }
  }
  return out;
}

/** The entries of `scenario` measured on `runtime`. */
export function entriesOn(scenario, runtime) {
  return SCENARIOS[scenario].entries.filter(({ key }) => runsOn(key, runtime));
}

/** argv of one measurement process. */
export function spawnArgv({ runtime, scenario, key }, round, quick) {
  const [exe, ...rest] = RUNTIMES[runtime];
  return [exe, ...rest, ...GC_FLAGS[kindOf(runtime)], MEASURE_ONE, "spawn", scenario, key, String(round), ...(quick ? ["--quick"] : [])];
}
