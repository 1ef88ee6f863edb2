#!/usr/bin/env node
/**
 * The conformance example, run as written from an npm install: packs every published package (`pnpm pack`, as
 * published), installs the tarballs with `vitest` and `fast-check` (the versions the workspace has installed)
 * into a new folder outside the workspace, writes each example code block of docs/conformance.md (each ```ts
 * block after a `<!-- conformance-example ... -->` comment: the test file and its vitest config; the README of
 * @anyproc/conformance must hold the same blocks) to the file its first line names, then runs `vitest run` there
 * on every Node line of the test matrix's table of runtimes (skipping a line that is not installed), two lines
 * at a time. The folder stands for an adapter package: the adapter's source (src/index.ts) and its built entry
 * (dist/index.js) both export the installed @anyproc/node adapter.
 *
 * Every case must pass, or be skipped through a capability: the BYOB case (`byobStdout` is false in
 * `linuxCapabilities`, and Node's default adapter does not set it), and one of the two TypeScript worker cases:
 * on Node 22.18+ (and 23.6+) the case that runs a `.ts` module passes and the one that pins its refusal is
 * skipped; on older Node it is the other way round.
 *
 * npm installs offline when its cache has every package, and from the registry (`--prefer-offline`) otherwise.
 * Needs a prior build. Exits non-zero on any failure.
 * Usage: node scripts/check-conformance-example.mjs [--keep]   (--keep leaves the folder for a look)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { RUNTIMES } from "../test-matrix/lib/runtimes.mjs";
import { checkList, runAsync } from "./_check.mjs";
import { PACKAGES, packPackage, root } from "./_pack.mjs";

/** The comment that marks each tested code block, in the doc and in the package README. */
const MARKER = "<!-- conformance-example";
const DOC = "docs/conformance.md";
const README = "packages/conformance/README.md";
/** Installed next to the tarballs, at the version the workspace's @anyproc/conformance resolves. */
const PEERS = ["vitest", "fast-check"];
/** The adapter package's source and built entry, which the example imports. */
const ADAPTER_FILES = {
  "src/index.ts": 'export { adapter } from "@anyproc/node";\n',
  "dist/index.js": 'export { adapter } from "@anyproc/node";\n',
};
/** Longest a Node line's run may take before it is killed. */
const RUN_TIMEOUT_MS = 5 * 60_000;
/** Node lines run at once: a line spends most of its time waiting on its children, not on the CPU. */
const LINES_AT_ONCE = 2;

/**
 * The cases skipped on every Node line, through a capability: `test` matches the case's full name (its groups,
 * then its title). The TypeScript cases are checked apart, by the line's version.
 */
const SKIPPED = [
  { test: /with a BYOB reader into/, why: "byobStdout" },
  { test: /^conformance batch files /, why: "batchFiles" },
];
const TYPESCRIPT_RUNS = /a TypeScript module runs in a worker/;
const TYPESCRIPT_REFUSED = /a TypeScript module is refused/;

const started = performance.now();
const keep = process.argv.includes("--keep");
const work = mkdtempSync(join(tmpdir(), "anyproc-check-conformance-"));
const app = join(work, "adapter");
const { failures, report } = checkList();

try {
  // 1. The example's files, from the doc; the README's must be the same.
  const example = codeBlocks(DOC);
  const readme = codeBlocks(README);
  const same = readme.join("\n") === example.join("\n");
  report(same, `${README}'s example is ${DOC}'s`, `${README}:\n${readme.join("\n")}\n${DOC}:\n${example.join("\n")}`);
  const files = Object.fromEntries(
    example.map((code) => {
      const file = code.match(/^\/\/ (\S+\.ts)\n/)?.[1];
      if (!file || normalize(file).startsWith("..")) throw new Error(`an example block in ${DOC} does not name its file on its first line`);
      return [file, code];
    }),
  );
  if (!Object.keys(files).some((file) => file.endsWith(".test.ts"))) throw new Error(`${DOC}'s example has no test file`);

  // 2. Pack, then install the tarballs and the test runner into a fresh folder.
  const tarballs = PACKAGES.map((dir) => packPackage(dir, join(work, "tarballs", dir)).tarball);
  const peers = PEERS.map((name) => `${name}@${installedVersion(name)}`);
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), `${JSON.stringify({ name: "my-adapter", private: true, type: "module" }, null, 2)}\n`);
  for (const [file, text] of Object.entries({ ...ADAPTER_FILES, ...files })) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    writeFileSync(join(app, file), text);
  }
  const npmArgs = ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", ...tarballs, ...peers];
  let npm = spawnSync("npm", [...npmArgs, "--offline"], { cwd: app, encoding: "utf8" });
  let how = "offline, from npm's cache";
  if (npm.status !== 0) {
    npm = spawnSync("npm", [...npmArgs, "--prefer-offline"], { cwd: app, encoding: "utf8" });
    how = "from the registry where npm's cache lacks a package";
  }
  report(npm.status === 0, `npm install of ${tarballs.length} tarballs, ${peers.join(", ")} (${how})`, (npm.stderr || npm.stdout).trim());
  if (npm.status !== 0) throw new Error("install failed");

  // 3. The example on each Node line.
  const lines = [];
  for (const [key, runtime] of Object.entries(RUNTIMES)) {
    if (runtime.name !== "node") continue;
    const bin = runtime.bin();
    if (bin === null) console.log(`skip  ${key}: not installed on this platform (an optional dependency of test-matrix/runtimes)`);
    else lines.push([key, bin]);
  }
  const next = async () => {
    for (let line = lines.shift(); line; line = lines.shift()) await runLine(...line);
  };
  await Promise.all(Array.from({ length: LINES_AT_ONCE }, next));
} catch (error) {
  if (failures.length === 0) report(false, "check-conformance-example", error.message);
} finally {
  if (keep) console.log(`left ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
if (failures.length) {
  console.log(`\n${failures.length} conformance example check(s) failed (${took})`);
  process.exit(1);
}
console.log(`\n${DOC}'s example passes from an npm install on every Node line (${took})`);

/** Runs the example with vitest on the Node at `bin` and checks its report. */
async function runLine(key, bin) {
  const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout.trim();
  const typescript = stripsTypes(bin);
  const reportFile = join(work, `${key}.json`);
  const lineStarted = performance.now();
  const args = [join("node_modules", "vitest", "vitest.mjs"), "run", "--reporter=json", `--outputFile=${reportFile}`];
  const run = await runAsync(bin, args, { cwd: app }, RUN_TIMEOUT_MS);
  const seconds = ((performance.now() - lineStarted) / 1000).toFixed(1);
  let cases;
  try {
    const json = JSON.parse(readFileSync(reportFile, "utf8"));
    cases = json.testResults.flatMap((file) => file.assertionResults);
  } catch {
    report(false, `${key} (${version}): vitest wrote no report`, `exit ${run.status}: ${run.output}`);
    return;
  }
  const passed = cases.filter((c) => c.status === "passed");
  const skipped = cases.filter((c) => c.status === "skipped" || c.status === "pending" || c.status === "todo");
  const failed = cases.filter((c) => !passed.includes(c) && !skipped.includes(c));
  const problems = failed.map(
    (c) => `failed: ${c.fullName}\n  ${(c.failureMessages ?? []).join("\n").split("\n").slice(0, 6).join("\n  ")}`,
  );
  // Skipped only through a capability: the expected ones, and the TypeScript case that does not apply here.
  const expected = [...SKIPPED, { test: typescript ? TYPESCRIPT_REFUSED : TYPESCRIPT_RUNS, why: "typescript" }];
  for (const c of skipped)
    if (!expected.some(({ test }) => test.test(c.fullName)))
      problems.push(`skipped, though the capability it needs holds here: ${c.fullName}`);
  for (const { test, why } of expected) {
    if (!skipped.some((c) => test.test(c.fullName))) problems.push(`not skipped, though ${why} is false here: ${test}`);
  }
  const ranTypescript = typescript ? TYPESCRIPT_RUNS : TYPESCRIPT_REFUSED;
  if (!passed.some((c) => ranTypescript.test(c.title))) problems.push(`did not pass: ${ranTypescript}`);
  if (run.status !== 0 && failed.length === 0) problems.push(`vitest exited ${run.status ?? run.signal}: ${run.output.slice(-2000)}`);
  const ts = typescript ? "the .ts worker case runs" : "the .ts worker case is refused";
  const label = `${key} (${version}): ${passed.length} passed, ${skipped.length} skipped, ${failed.length} failed; ${ts} (${seconds} s)`;
  report(problems.length === 0 && passed.length > 0, label, problems.join("\n"));
}

/**
 * The code of each ```ts block that follows a marker comment in `file` (relative to the root), in order.
 * @returns {string[]}
 */
function codeBlocks(file) {
  const text = readFileSync(join(root, file), "utf8");
  const blocks = text
    .split(MARKER)
    .slice(1)
    .map((part) => part.match(/^[^\n]*-->[ \t]*\n\s*```ts\n([\s\S]*?\n)```(?:\n|$)/)?.[1]);
  if (blocks.length === 0 || blocks.includes(undefined))
    throw new Error(`${file} needs a \`\`\`ts block after each "${MARKER} ... -->" comment`);
  return blocks;
}

/** The version of `name` the workspace's @anyproc/conformance resolves (installed, so npm's cache may hold it). */
function installedVersion(name) {
  return JSON.parse(readFileSync(join(root, "packages", "conformance", "node_modules", name, "package.json"), "utf8")).version;
}

/**
 * Whether the Node at `bin` strips TypeScript types as it starts, with no flag: asked of that Node itself
 * (`process.features.typescript`, "strip" or "transform" where it does; false or absent where it does not).
 */
function stripsTypes(bin) {
  const reported = spawnSync(bin, ["-p", "Boolean(process.features.typescript)"], { encoding: "utf8" }).stdout.trim();
  return reported === "true";
}
