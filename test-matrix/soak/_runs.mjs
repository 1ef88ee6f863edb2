// The soak lane's runs, read from lib/runtimes.mjs: every lane marked `soak` runs workload.mjs (from test-matrix/)
// on its runtime against its adapter. The plain runtimes come first, then the variants (node-reuse-read-buffer),
// whose socket pairs have their own lifecycle.
import { relative } from "node:path";
import { LANES, RUNTIMES } from "../lib/runtimes.mjs";

/**
 * The workload, relative to the directory it runs in. It lives under test-matrix/, whose package.json is what
 * makes Deno resolve the adapter's own imports (`@anyproc/core`, ...) through node_modules.
 */
export const WORKLOAD_CWD = "test-matrix";
/** The workload script, relative to {@link WORKLOAD_CWD}. */
export const WORKLOAD = "soak/workload.mjs";
/** The control's adapter, relative to {@link WORKLOAD_CWD}; it wraps the real one named by SOAK_LEAKY_ADAPTER. */
export const LEAKY_ADAPTER = "soak/fixtures/leaky-adapter.mjs";

/**
 * @typedef {object} SoakRun
 * @property {string} name the lane's name
 * @property {() => string | null} bin the runtime's executable
 * @property {(script: string) => string[]} args how the runtime runs a script
 * @property {string} adapter the module the workload imports (`runProcess`, `openProcess`, `toProcess`),
 *   relative to {@link WORKLOAD_CWD}
 */

/** @type {SoakRun[]} */
export const RUNS = LANES.filter((lane) => lane.soak)
  .sort((a, b) => Number(a.name !== a.runtime) - Number(b.name !== b.runtime))
  .map((lane) => {
    const runtime = RUNTIMES[lane.runtime];
    return { name: lane.name, bin: runtime.bin, args: (script) => runtime.script(script), adapter: relative(WORKLOAD_CWD, lane.adapter) };
  });
