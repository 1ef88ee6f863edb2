// The one table of runtimes and lanes: how to start each runtime, and which runtime runs which adapter's
// conformance suite, required or reported only. run.mjs, soak/ and scripts/ read it; a lane is one entry in LANES.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { bunErrors, denoErrors, vitestErrors } from "./log-errors.mjs";
import { ROOT } from "./paths.mjs";

/** Bun's per-test timeout (its default is 5 s), the same as vitest's in packages/node and the Deno shim's. */
const TEST_TIMEOUT_MS = 30_000;

/** The first `node_modules/.bin/<name>` found under `dirs` (relative to the root), or null. */
function findBin(name, ...dirs) {
  for (const dir of dirs) {
    const path = join(ROOT, dir, "node_modules", ".bin", name);
    if (existsSync(path)) return path;
  }
  return null;
}

/**
 * @typedef {object} Runtime
 * @property {"node" | "bun" | "deno"} name
 * @property {() => string | null} bin the executable: this Node, or bun/deno from a node_modules/.bin (never from PATH);
 *   for bun and deno that is pnpm's shell shim, see {@link ownExecutable} for the binary behind it
 * @property {(script: string, options?: { allow?: string[] }) => string[]} script the arguments that run a script;
 *   `allow` lists Deno permissions (`run`, `read`, ...) to grant instead of all of them, and is ignored elsewhere
 * @property {(code: string) => string[]} eval the arguments that run a line of code
 * @property {"vitest-json" | "junit"} format the report format of its test command
 * @property {(report: string, options: { config?: string, files?: string[] }) => { bin: string | null, args: string[] }} test
 *   the test command writing its report to `report`: vitest (on Node) with an optional config, or the runtime's
 *   own test runner on `files`
 * @property {(log: string) => string[]} logErrors errors its test runner printed but did not put in its report
 */

/** @type {{ node: Runtime, bun: Runtime, deno: Runtime }} */
export const RUNTIMES = {
  node: {
    name: "node",
    bin: () => process.execPath,
    script: (script) => [script],
    eval: (code) => ["-e", code],
    format: "vitest-json",
    test: (report, { config }) => ({
      bin: findBin("vitest", "packages/node"),
      args: ["run", ...(config ? ["--config", config] : []), "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    }),
    logErrors: vitestErrors,
  },
  bun: {
    name: "bun",
    bin: () => findBin("bun", "test-matrix", "packages/bun", "packages/anyproc"),
    script: (script) => [script],
    eval: (code) => ["-e", code],
    format: "junit",
    test: (report, { files = [] }) => ({
      bin: RUNTIMES.bun.bin(),
      args: ["test", `--timeout=${TEST_TIMEOUT_MS}`, "--reporter=junit", `--reporter-outfile=${report}`, ...files],
    }),
    logErrors: bunErrors,
  },
  deno: {
    name: "deno",
    bin: () => findBin("deno", "test-matrix", "packages/deno", "packages/anyproc"),
    script: (script, { allow } = {}) => ["run", ...(allow ? allow.map((p) => `--allow-${p}`) : ["-A"]), script],
    eval: (code) => ["eval", code],
    format: "junit",
    test: (report, { files = [] }) => ({
      bin: RUNTIMES.deno.bin(),
      args: ["test", "-A", "--no-check", `--junit-path=${report}`, ...files],
    }),
    logErrors: denoErrors,
  },
};

/**
 * The runtime's own executable, asked of the runtime itself: for bun and deno the binary behind pnpm's shim
 * (a shell script that would count as a process of its own), for node {@link process.execPath}. Null when
 * the runtime is not installed.
 * @param {keyof typeof RUNTIMES} name
 * @returns {string | null}
 */
export function ownExecutable(name) {
  const runtime = RUNTIMES[name];
  const bin = runtime.bin();
  if (bin === null) return null;
  return execFileSync(bin, runtime.eval("process.stdout.write(process.execPath)"), { encoding: "utf8" });
}

/**
 * @typedef {object} LaneEntry
 * @property {string} name column name in the matrix
 * @property {keyof typeof RUNTIMES} runtime the runtime whose test command runs the lane
 * @property {string} adapter the built adapter module for a script run on this lane's runtime (the soak workload
 *   imports it), relative to the root
 * @property {boolean} required whether a failure here fails the run (otherwise it is reported only)
 * @property {string} cwd working directory, relative to the root
 * @property {string} [config] the vitest config (node lanes)
 * @property {string[]} [files] the test files (bun and deno lanes)
 * @property {Record<string, string>} [env] added to the test command's environment
 * @property {boolean} [soak] whether the soak lane runs its workload on this runtime against {@link LaneEntry.adapter}
 */

/**
 * @typedef {LaneEntry & {
 *   format: Runtime["format"],
 *   command: (report: string) => { bin: string | null, args: string[] },
 *   logErrors: Runtime["logErrors"],
 * }} Lane a lane entry with its runtime's test command filled in
 */

/** @type {LaneEntry[]} */
const ENTRIES = [
  { name: "node", runtime: "node", adapter: "packages/node/dist/index.js", required: true, cwd: "packages/node", soak: true },
  // The node adapter's opt-in spawn helper (startSpawnHelper): the same suite, every spawn through the helper.
  {
    name: "node-helper",
    runtime: "node",
    adapter: "packages/node/dist/index.js",
    required: true,
    cwd: "packages/node",
    config: "vitest.helper.config.ts",
  },
  // The node adapter with `reuseReadBuffer` (stdout through a socket pair read into one buffer): the same suite.
  {
    name: "node-one-buffer",
    runtime: "node",
    adapter: "packages/node/test/fixtures/one-buffer-entry.mjs",
    required: true,
    cwd: "packages/node",
    config: "vitest.one-buffer.config.ts",
    soak: true,
  },
  { name: "bun", runtime: "bun", adapter: "packages/bun/dist/index.js", required: true, cwd: "packages/bun", soak: true },
  {
    name: "deno",
    runtime: "deno",
    adapter: "packages/deno/dist/index.js",
    required: true,
    cwd: "packages/deno",
    files: ["test/"],
    soak: true,
  },
  {
    name: "node-on-bun",
    runtime: "bun",
    adapter: "packages/node/dist/index.js",
    required: false,
    cwd: "test-matrix/lanes",
    files: ["./node-on-bun.test.ts"],
  },
  {
    name: "node-on-deno",
    runtime: "deno",
    adapter: "packages/node/dist/index.js",
    required: false,
    cwd: "test-matrix/lanes",
    files: ["node-on-deno.test.ts"],
  },
];

/** Every lane of the matrix, in column order. @type {Lane[]} */
export const LANES = ENTRIES.map((entry) => {
  const runtime = RUNTIMES[entry.runtime];
  return {
    ...entry,
    format: runtime.format,
    command: (report) => runtime.test(report, entry),
    logErrors: runtime.logErrors,
  };
});

/** The names of the lanes whose failures fail the run. */
export const REQUIRED_LANES = LANES.filter((lane) => lane.required).map((lane) => lane.name);
