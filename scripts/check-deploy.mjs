#!/usr/bin/env node
/**
 * Deployment check: a program that uses toProcess, shipped the ways users ship it, must compute its result
 * once and never multiply itself. From the built workspace packages (`anyproc` and its adapters, as
 * published), in a fresh folder outside the workspace, it builds and runs:
 *   - an ESM bundle made by esbuild (Node), run from another folder with the work module beside it;
 *   - an ESM bundle made by `bun build` (Bun), the same way;
 *   - a CommonJS bundle made by esbuild: it loads, and runProcess works;
 *   - a single-file binary made by `bun build --compile`, the work module built into it.
 * While each runs, the processes started from the program's folder are counted (this check reads /proc; the
 * product does not): more than the program plus its pool's workers fails the check and ends them all.
 * Needs a prior build. Exits non-zero on any failure. Usage: node scripts/check-deploy.mjs [--keep]
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { ownExecutable } from "../test-matrix/lib/runtimes.mjs";
import { root } from "./_pack.mjs";

/** Bun's own executable, not the package manager's shim in front of it (a shell that would count as a process). */
const BUN = ownExecutable("bun");
/** The pool's size in every program: with the program itself, at most this many + 1 processes may run it. */
const MAX_WORKERS = 2;
/** A run that takes longer than this has gone wrong. */
const RUN_TIMEOUT_MS = 30_000;

const MAIN = `import { toProcess } from "anyproc";
const work = new URL("./work.mjs", import.meta.url);
const pool = toProcess.pool({ maxWorkers: ${MAX_WORKERS} });
const results = await Promise.all([25, 26, 27].map((n) => pool.run(work, "fib", [n])));
await pool.close();
console.log(JSON.stringify({ results, isWorker: toProcess.isWorker }));
`;
const WORK = "export const fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));\n";
const EXPECTED = JSON.stringify({ results: [75025, 121393, 196418], isWorker: false });
const CJS_MAIN = `import { runProcess } from "anyproc";
const { stdout } = await runProcess(["echo", "from cjs"]);
console.log(stdout.trim());
`;

const keep = process.argv.includes("--keep");
const dir = mkdtempSync(join(tmpdir(), "anyproc-check-deploy-"));
const src = join(dir, "src");
mkdirSync(src);
writeFileSync(join(src, "main.mjs"), MAIN);
writeFileSync(join(src, "work.mjs"), WORK);
writeFileSync(
  join(src, "cjs-main.mjs"),
  `(async () => {\n${CJS_MAIN.replace(/^import (.*) from "anyproc";$/m, 'const $1 = require("anyproc");')}})();\n`,
);
// The workspace's `anyproc` as an installed dependency: bundlers resolve it through its package.json `exports`.
mkdirSync(join(src, "node_modules"));
symlinkSync(join(root, "packages", "anyproc"), join(src, "node_modules", "anyproc"), "dir");
writeFileSync(join(src, "package.json"), '{ "type": "module" }\n');

/** Counts running processes whose working directory is in `folder`, every 20 ms; returns the highest count. */
function watch(folder) {
  let peak = 0;
  const timer = setInterval(() => {
    let count = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readlinkSync(`/proc/${pid}/cwd`).startsWith(folder)) count++;
      } catch {
        // gone meanwhile
      }
    }
    peak = Math.max(peak, count);
  }, 20);
  return {
    get peak() {
      return peak;
    },
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** Runs argv in `cwd` (its own process group, so that a runaway can be ended whole) and checks its output. */
function run(name, argv, cwd, expected, limit) {
  return new Promise((resolve) => {
    const watcher = watch(cwd);
    const child = spawn(argv[0], argv.slice(1), { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const guard = setInterval(() => {
      if (watcher.peak > limit) process.kill(-child.pid, "SIGKILL");
    }, 20);
    const timer = setTimeout(() => process.kill(-child.pid, "SIGKILL"), RUN_TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearInterval(guard);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // the group is gone already
      }
      const peak = watcher.stop();
      const ok = code === 0 && out.trim() === expected && peak <= limit;
      console.log(`${ok ? "ok  " : "FAIL"} ${name}: exit ${code ?? signal}, ${peak} process(es) at most (limit ${limit})`);
      if (!ok) console.log(`  expected ${expected}\n  stdout ${JSON.stringify(out.trim())}\n  stderr ${err.trim().slice(-2000)}`);
      resolve(ok);
    });
  });
}

/** A folder of its own for one shipped program, with the work module beside it. */
function shipFolder(name) {
  const out = join(dir, name);
  mkdirSync(out);
  cpSync(join(src, "work.mjs"), join(out, "work.mjs"));
  return out;
}

const results = [];
const node = shipFolder("esbuild-esm");
await build({
  entryPoints: [join(src, "main.mjs")],
  bundle: true,
  format: "esm",
  platform: "node",
  outfile: join(node, "app.mjs"),
  logLevel: "error",
});
results.push(await run("esbuild ESM bundle on node", [process.execPath, "app.mjs"], node, EXPECTED, MAX_WORKERS + 1));

const cjs = shipFolder("esbuild-cjs");
await build({
  entryPoints: [join(src, "cjs-main.mjs")],
  bundle: true,
  format: "cjs",
  platform: "node",
  outfile: join(cjs, "app.cjs"),
  logLevel: "error",
});
results.push(await run("esbuild CommonJS bundle on node (runProcess)", [process.execPath, "app.cjs"], cjs, "from cjs", 2));

const bunEsm = shipFolder("bun-build");
const bunBuild = (args) => execFileSync(BUN, ["build", ...args], { cwd: src, stdio: ["ignore", "ignore", "inherit"] });
bunBuild([join(src, "main.mjs"), "--target=bun", `--outfile=${join(bunEsm, "app.mjs")}`]);
results.push(await run("bun build ESM bundle on bun", [BUN, "app.mjs"], bunEsm, EXPECTED, MAX_WORKERS + 1));

const binary = join(dir, "bun-compile");
mkdirSync(binary);
bunBuild(["--compile", join(src, "main.mjs"), join(src, "work.mjs"), `--outfile=${join(binary, "app")}`]);
results.push(await run("bun build --compile single-file binary", [join(binary, "app")], binary, EXPECTED, MAX_WORKERS + 1));

if (!keep) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
const failed = results.filter((ok) => !ok).length;
console.log(failed === 0 ? `deployment check: ${results.length} passed` : `deployment check: ${failed} of ${results.length} failed`);
process.exit(failed === 0 ? 0 : 1);
