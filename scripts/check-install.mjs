#!/usr/bin/env node
/**
 * Fresh-install check: packs `anyproc` and the packages it depends on (`pnpm pack`, as published), installs
 * the tarballs with npm into a new folder outside the workspace, offline (so nothing can come from the
 * registry or the workspace), then from that folder:
 *   - runs a script on every runtime of the test matrix's table (this Node and each supported Node line, Bun and
 *     Deno, the oldest supported ones too) that imports "anyproc" and checks that the `exports` conditions
 *     gave it its own runtime's build (`adapter.runtime` of `anyproc/adapter` and the resolved file), runs `echo ok` with
 *     runProcess and one toProcess call;
 *   - follows Deno's own npm flow, as the README does: `deno add npm:anyproc` in a folder with no package.json,
 *     from a registry on 127.0.0.1 that serves the tarballs (scripts/_registry.mjs), then runs the same script
 *     from Deno's npm cache, with no node_modules folder;
 *   - type-checks a TypeScript file using anyproc under moduleResolution node16 and bundler.
 * @anyproc/conformance is not installed: it is not a dependency of anyproc and needs vitest and fast-check
 * (check-conformance-example.mjs installs it with them and runs the suite from there; check-packages.mjs lints
 * its tarball). Needs a prior build. Exits non-zero on any failure.
 * Usage: node scripts/check-install.mjs [--keep]   (--keep leaves the folder for a look)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RUNTIMES } from "../test-matrix/lib/runtimes.mjs";
import { checkList, runAsync } from "./_check.mjs";
import { packPackage, root } from "./_pack.mjs";
import { startRegistry } from "./_registry.mjs";

/** What `npm install anyproc` brings, dependencies first. */
const INSTALLED = ["core", "channel", "node", "bun", "deno", "anyproc"];
/** The Deno permissions the fresh-folder script is granted (node and bun ignore them). */
const ALLOW = ["run", "read", "env", "net", "sys"];
/** The same, for the run from Deno's npm cache. */
const ALLOW_FROM_CACHE = ["run", "read", "net"];
/** TypeScript resolution modes to check the types under: [moduleResolution, module]. */
/** Longest a command run with runAsync may take (the registry it talks to runs in this process). */
const RUN_TIMEOUT_MS = 60_000;

const RESOLUTIONS = [
  ["node16", "node16"],
  ["bundler", "esnext"],
];

/** Run by each runtime in the fresh folder; prints one JSON line for the check to compare. */
const CHECK_SCRIPT = `import { runProcess, toProcess } from "anyproc";
import { adapter } from "anyproc/adapter";
const { stdout } = await runProcess(["echo", "ok"]);
const sum = await toProcess.run(new URL("./work.mjs", import.meta.url), "add", [2, 3]);
const file = import.meta.resolve("anyproc");
console.log(JSON.stringify({ runtime: adapter.runtime, file, echo: stdout.trim(), sum }));
`;
/** Type-checked in the fresh folder: the public API as a TypeScript user writes it. */
const CHECK_TYPES = `import { CalledProcessError, lines, openProcess, runProcess, toProcess, type CompletedProcess } from "anyproc";
import { adapter } from "anyproc/adapter";
const done: CompletedProcess = await runProcess(["echo", "ok"], { timeout: 1_000 });
const bytes: Uint8Array = (await runProcess("echo ok", { encoding: "bytes" })).stdout;
const sum: number = await toProcess.run<number>(new URL("./work.mjs", import.meta.url), "add", [2, 3]);
const proc = await openProcess(["cat"]);
for await (const line of lines(proc.stdout!)) line.toUpperCase();
let code: number | null = done.exitCode;
try {
  await runProcess(["false"]);
} catch (error) {
  if (error instanceof CalledProcessError) code = error.exitCode;
}
const runtime: string = adapter.runtime;
export { bytes, code, runtime, sum };
`;

const started = performance.now();
const keep = process.argv.includes("--keep");
const work = mkdtempSync(join(tmpdir(), "anyproc-check-install-"));
const app = join(work, "app");
const { failures, report } = checkList();

try {
  // 1. Pack, then install the tarballs into a fresh folder, offline.
  const tarballs = INSTALLED.map((dir) => packPackage(dir, join(work, "tarballs", dir)).tarball);
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), `${JSON.stringify({ name: "fresh-app", private: true, type: "module" }, null, 2)}\n`);
  writeFileSync(join(app, "work.mjs"), "export const add = (a, b) => a + b;\n");
  writeFileSync(join(app, "check.mjs"), CHECK_SCRIPT);
  writeFileSync(join(app, "check.ts"), CHECK_TYPES);
  const npmArgs = ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", ...tarballs];
  const npm = spawnSync("npm", npmArgs, { cwd: app, encoding: "utf8" });
  report(npm.status === 0, `npm install --offline of ${tarballs.length} tarballs`, (npm.stderr || npm.stdout).trim());
  if (npm.status !== 0) throw new Error("install failed");
  const { version } = JSON.parse(readFileSync(join(app, "node_modules", "anyproc", "package.json"), "utf8"));

  // 2. Each runtime gets its own build of anyproc, and it works.
  for (const [key, { name: runtime, bin, script }] of Object.entries(RUNTIMES)) {
    const executable = bin();
    if (executable === null && key !== runtime) {
      console.log(`skip  ${key}: not installed on this platform (an optional dependency of test-matrix/runtimes)`);
      continue;
    }
    const run = spawnSync(executable ?? runtime, script("check.mjs", { allow: ALLOW }), { cwd: app, encoding: "utf8", timeout: 30_000 });
    const got = parseLastLine(run.stdout);
    const ok =
      got?.runtime === runtime && got.file.endsWith(`/node_modules/anyproc/dist/${runtime}.js`) && got.echo === "ok" && got.sum === 5;
    const why = got ? JSON.stringify(got) : `exit ${run.status ?? run.signal}: ${(run.stderr || run.stdout).trim()}`;
    report(ok, `${key}: anyproc@${version} resolves to dist/${runtime}.js, runProcess and toProcess work`, why);
  }

  // 3. Deno's npm flow: `deno add` from the registry, then a run from Deno's npm cache (no node_modules).
  const registry = await startRegistry(tarballs);
  try {
    const denoApp = join(work, "deno-app");
    mkdirSync(denoApp);
    writeFileSync(join(denoApp, "work.mjs"), "export const add = (a, b) => a + b;\n");
    writeFileSync(join(denoApp, "check.mjs"), CHECK_SCRIPT);
    const env = { ...process.env, DENO_DIR: join(work, "deno-dir"), NPM_CONFIG_REGISTRY: registry.url, DENO_NO_UPDATE_CHECK: "1" };
    const deno = RUNTIMES.deno.bin() ?? "deno";
    const add = await runAsync(deno, ["add", "npm:anyproc"], { cwd: denoApp, env }, RUN_TIMEOUT_MS);
    report(add.status === 0, `deno add npm:anyproc from a registry serving the tarballs`, add.output);
    const run = await runAsync(deno, RUNTIMES.deno.script("check.mjs", { allow: ALLOW_FROM_CACHE }), { cwd: denoApp, env }, RUN_TIMEOUT_MS);
    const got = parseLastLine(run.stdout);
    const noModules = !existsSync(join(denoApp, "node_modules"));
    const ok = got?.runtime === "deno" && got.echo === "ok" && got.sum === 5 && noModules;
    const why = got
      ? `${JSON.stringify(got)}${noModules ? "" : " (a node_modules folder was created)"}`
      : `exit ${run.status}: ${run.output}`;
    report(ok, `deno: runProcess and toProcess work from Deno's npm cache, with no node_modules folder`, why);
  } finally {
    await registry.close();
  }

  // 4. Types resolve and check under node16 and bundler resolution, declarations included.
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  for (const [moduleResolution, module] of RESOLUTIONS) {
    const compilerOptions = { module, moduleResolution, target: "es2022", lib: ["es2023", "dom", "esnext.disposable"] };
    Object.assign(compilerOptions, { types: [], strict: true, noEmit: true, skipLibCheck: false });
    const config = `tsconfig.${moduleResolution}.json`;
    writeFileSync(join(app, config), JSON.stringify({ compilerOptions, files: ["check.ts"] }));
    const run = spawnSync(process.execPath, [tsc, "-p", config], { cwd: app, encoding: "utf8" });
    report(run.status === 0, `types: check.ts under moduleResolution ${moduleResolution}`, run.stdout.trim());
  }
} catch (error) {
  if (failures.length === 0) report(false, "check-install", error.message);
} finally {
  if (keep) console.log(`left ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
if (failures.length) {
  console.log(`\n${failures.length} fresh-install check(s) failed (${took})`);
  process.exit(1);
}
console.log(`\nanyproc installs from its tarballs and works on node, bun and deno; types check (${took})`);

/** The JSON object on the last line of `stdout`, or undefined. */
function parseLastLine(stdout) {
  try {
    return JSON.parse(stdout.trim().split("\n").at(-1));
  } catch {
    return undefined;
  }
}
