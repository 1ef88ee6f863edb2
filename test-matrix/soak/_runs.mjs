// The soak lane's runs: each runtime runs workload.mjs (from test-matrix/) against its own adapter package,
// and Node once more against the adapter with `reuseReadBuffer`, whose socket pairs have their own lifecycle.
import process from "node:process";
import { bun, deno } from "../lib/lanes.mjs";

/**
 * @typedef {object} SoakRuntime
 * @property {"node" | "bun" | "deno" | "node-one-buffer"} name
 * @property {() => string | null} bin the executable: this Node, or bun/deno from node_modules/.bin
 * @property {(script: string) => string[]} args how it runs a script
 * @property {string} adapter the module the workload imports (`runProcess`, `openProcess`, `toProcess`),
 *   relative to {@link WORKLOAD_CWD}
 */

/** @type {SoakRuntime[]} */
export const RUNTIMES = [
  { name: "node", bin: () => process.execPath, args: (script) => [script], adapter: "../packages/node/dist/index.js" },
  { name: "bun", bin: bun, args: (script) => [script], adapter: "../packages/bun/dist/index.js" },
  { name: "deno", bin: deno, args: (script) => ["run", "-A", script], adapter: "../packages/deno/dist/index.js" },
  {
    name: "node-one-buffer",
    bin: () => process.execPath,
    args: (script) => [script],
    // The built @anyproc/node with createAdapter({ reuseReadBuffer: true }), as the conformance lane uses it.
    adapter: "../packages/node/test/fixtures/one-buffer-entry.mjs",
  },
];

/**
 * The workload, relative to the directory it runs in. It lives under test-matrix/, whose package.json is what
 * makes Deno resolve the adapter's own imports (`@anyproc/core`, ...) through node_modules.
 */
export const WORKLOAD_CWD = "test-matrix";
export const WORKLOAD = "soak/workload.mjs";
/** The control's adapter, relative to {@link WORKLOAD_CWD}; it wraps the real one named by SOAK_LEAKY_ADAPTER. */
export const LEAKY_ADAPTER = "soak/fixtures/leaky-adapter.mjs";
