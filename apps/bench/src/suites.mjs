// The bench's suites by name, as the command runs them: each `run(options)` resolves to the run (with its
// `checks` and `failures`), and `missed(run)` lists the budgets it missed.

import { COLD_START_SUITE } from "./cold-start/suite.mjs";
import { PIPELINE_SUITE } from "./pipeline/suite.mjs";
import { runSuite } from "./shared/run-suite.mjs";
import { SPAWN_SUITE } from "./spawn/suite.mjs";
import { runSpawnHeapSuite } from "./spawn-heap/suite.mjs";
import { TO_PROCESS_SUITE } from "./to-process/suite.mjs";

/**
 * Suite name → `{ label, byDefault, run(options), missed(run) }`; `byDefault` suites run when the command
 * names none. `options` is `{ runs, here, command, quick, heap }`, `heap` the spawn-heap suite's
 * `{ ballast, spawns, kind }`.
 */
export const SUITES = {
  "to-process": {
    label: "toProcess",
    byDefault: true,
    run: (options) => runSuite(TO_PROCESS_SUITE, options),
    missed: (run) => run.checks.filter((c) => c.budget !== false && !c.met),
  },
  spawn: {
    label: "spawn",
    byDefault: true,
    run: (options) => runSuite(SPAWN_SUITE, options),
    missed: (run) => run.checks.filter((c) => c.budget && !c.met),
  },
  pipeline: {
    label: "pipeline",
    byDefault: false,
    run: (options) => runSuite(PIPELINE_SUITE, options),
    missed: (run) => run.checks.filter((c) => c.budget && !c.met),
  },
  "cold-start": {
    label: "cold-start",
    byDefault: false,
    run: (options) => runSuite(COLD_START_SUITE, options),
    missed: (run) => run.checks.filter((c) => c.budget && !c.met),
  },
  "spawn-heap": {
    label: "spawn-heap",
    byDefault: false,
    run: async ({ runs, heap }) => runSpawnHeapSuite({ runs, ...heap }),
    missed: () => [],
  },
};
