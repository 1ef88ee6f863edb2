// The lanes of the matrix: which runtime runs which adapter's conformance suite, and how.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where logs, reports and the matrix are written (git-ignored). */
export const RESULTS = join(ROOT, "test-matrix", "results");

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

const vitest = () => findBin("vitest", "packages/node");
/** The `bun` and `deno` executables of the dev dependencies (never from PATH), or null. */
export const bun = () => findBin("bun", "test-matrix", "packages/bun");
export const deno = () => findBin("deno", "test-matrix", "packages/deno");

/**
 * @typedef {object} Lane
 * @property {string} name column name in the matrix
 * @property {boolean} required whether a failure here fails the run
 * @property {string} cwd working directory, relative to the root
 * @property {"vitest-json" | "junit"} format the report format written to `report`
 * @property {(report: string) => { bin: string | null, args: string[] }} command
 * @property {(log: string) => string[]} logErrors errors the runner printed but did not put in its report
 */

/** @type {Lane[]} */
export const LANES = [
  {
    name: "node",
    required: true,
    cwd: "packages/node",
    format: "vitest-json",
    command: (report) => ({ bin: vitest(), args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`] }),
    logErrors: vitestErrors,
  },
  {
    // The node adapter's opt-in spawn helper (startSpawnHelper): the same suite, every spawn through the helper.
    name: "node-helper",
    required: true,
    cwd: "packages/node",
    format: "vitest-json",
    command: (report) => ({
      bin: vitest(),
      args: ["run", "--config", "vitest.helper.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    }),
    logErrors: vitestErrors,
  },
  {
    // The node adapter with `reuseReadBuffer` (stdout through a socket pair read into one buffer): the same suite.
    name: "node-one-buffer",
    required: true,
    cwd: "packages/node",
    format: "vitest-json",
    command: (report) => ({
      bin: vitest(),
      args: ["run", "--config", "vitest.one-buffer.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    }),
    logErrors: vitestErrors,
  },
  {
    name: "bun",
    required: true,
    cwd: "packages/bun",
    format: "junit",
    command: (report) => ({
      bin: bun(),
      args: ["test", `--timeout=${TEST_TIMEOUT_MS}`, "--reporter=junit", `--reporter-outfile=${report}`],
    }),
    logErrors: bunErrors,
  },
  {
    name: "deno",
    required: true,
    cwd: "packages/deno",
    format: "junit",
    command: (report) => ({ bin: deno(), args: ["test", "-A", "--no-check", `--junit-path=${report}`, "test/"] }),
    logErrors: denoErrors,
  },
  {
    name: "node-on-bun",
    required: false,
    cwd: "test-matrix/lanes",
    format: "junit",
    command: (report) => ({
      bin: bun(),
      args: ["test", `--timeout=${TEST_TIMEOUT_MS}`, "--reporter=junit", `--reporter-outfile=${report}`, "./node-on-bun.test.ts"],
    }),
    logErrors: bunErrors,
  },
  {
    name: "node-on-deno",
    required: false,
    cwd: "test-matrix/lanes",
    format: "junit",
    command: (report) => ({ bin: deno(), args: ["test", "-A", "--no-check", `--junit-path=${report}`, "node-on-deno.test.ts"] }),
    logErrors: denoErrors,
  },
];

/** Vitest's summary line `Errors  2 errors` counts unhandled errors, which its JSON report leaves out. */
function vitestErrors(log) {
  const match = /^\s*Errors\s+(\d+) errors?/m.exec(log);
  return match ? [`vitest reported ${match[1]} unhandled error(s)`] : [];
}

/** Bun's summary line ` 2 errors` counts errors between tests (a file that fails to load, say); its JUnit report leaves them out. */
function bunErrors(log) {
  const match = /^\s*(\d+) errors?$/m.exec(log);
  return match ? [`bun reported ${match[1]} unhandled error(s) between tests`] : [];
}

/** Deno names each module that threw outside a test `./file.ts (uncaught error)`; its JUnit report leaves those out. */
function denoErrors(log) {
  const modules = new Set([...log.matchAll(/^(\S+) \(uncaught error\)$/gm)].map((m) => m[1]));
  return [...modules].map((module) => `deno reported an uncaught error from ${module}`);
}
