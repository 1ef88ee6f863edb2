// The soak lane's three runtimes: how each runs workload.mjs (from test-matrix/) against its own adapter package.
import process from "node:process";
import { bun, deno } from "../lib/lanes.mjs";

/**
 * @typedef {object} SoakRuntime
 * @property {"node" | "bun" | "deno"} name
 * @property {() => string | null} bin the executable: this Node, or bun/deno from node_modules/.bin
 * @property {(script: string) => string[]} args how it runs a script
 */

/** @type {SoakRuntime[]} */
export const RUNTIMES = [
  { name: "node", bin: () => process.execPath, args: (script) => [script] },
  { name: "bun", bin: bun, args: (script) => [script] },
  { name: "deno", bin: deno, args: (script) => ["run", "-A", script] },
];

/** The built adapter package a runtime's workload imports, relative to {@link WORKLOAD_CWD}. */
export const adapterPath = (runtime) => `../packages/${runtime}/dist/index.js`;

/**
 * The workload, relative to the directory it runs in. It lives under test-matrix/, whose package.json is what
 * makes Deno resolve the adapter's own imports (`@anyproc/core`, ...) through node_modules.
 */
export const WORKLOAD_CWD = "test-matrix";
export const WORKLOAD = "soak/workload.mjs";
/** The control's adapter, relative to {@link WORKLOAD_CWD}; it wraps the real one named by SOAK_LEAKY_ADAPTER. */
export const LEAKY_ADAPTER = "soak/fixtures/leaky-adapter.mjs";
