#!/usr/bin/env node
/**
 * Packaging checks for every published package: packs it the way it would be published (`pnpm pack`,
 * which rewrites `workspace:*`), then lints the tarball with publint (strict: warnings are errors) and
 * checks its types with @arethetypeswrong/cli under the node16 profile. The packages are ESM-only, so
 * `cjs-resolves-to-esm` is accepted; every other problem under node16 (ESM and CJS) and bundler
 * resolution fails. Needs a prior build (`turbo run build`); no network.
 *
 * Prints one line per package and exits non-zero if any package has a problem.
 * Usage: node scripts/check-packages.mjs [--verbose]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import ts from "typescript";
import { bin, PACKAGES, packPackage, root } from "./_pack.mjs";

const verbose = process.argv.includes("--verbose");
/** Files every published tarball must contain besides its entry points. */
const REQUIRED_FILES = ["package.json", "README.md", "LICENSE"];
const ATTW_ARGS = ["--profile", "node16", "--ignore-rules", "cjs-resolves-to-esm", "--format", "json"];

const rootLicense = readFileSync(join(root, "LICENSE"), "utf8");
const work = mkdtempSync(join(tmpdir(), "anyproc-check-packages-"));
let failed = 0;

try {
  for (const dir of PACKAGES) {
    const problems = [];

    // 1. Pack as pnpm publishes it.
    const { pkg, pkgDir, tarball } = packPackage(dir, join(work, dir));
    const tarList = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""));

    // 2. Metadata every published package declares.
    for (const f of REQUIRED_FILES) if (!tarList.includes(f)) problems.push(`tarball: missing ${f}`);
    const license = join(pkgDir, "LICENSE");
    if (existsSync(license) && readFileSync(license, "utf8") !== rootLicense) {
      problems.push(`LICENSE differs from the root LICENSE (copy it: cp LICENSE packages/${dir}/)`);
    }
    for (const field of ["repository", "homepage", "bugs", "keywords", "author", "license", "engines", "files"]) {
      if (pkg[field] === undefined) problems.push(`package.json: missing "${field}"`);
    }
    if (pkg.sideEffects !== false) problems.push(`package.json: "sideEffects" should be false`);
    if (pkg.name.startsWith("@") && pkg.publishConfig?.access !== "public") {
      problems.push(`package.json: scoped package needs "publishConfig": { "access": "public" }`);
    }
    const packed = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
    for (const kind of ["dependencies", "peerDependencies", "optionalDependencies"]) {
      for (const [name, range] of Object.entries(packed[kind] ?? {})) {
        if (/^(workspace|link|file):/.test(range)) problems.push(`packed ${kind}: ${name}@${range}`);
      }
    }

    // 3. publint, strict, over the packed tarball.
    const data = readFileSync(tarball);
    const lint = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      strict: true,
      level: "suggestion",
    });
    for (const m of lint.messages) {
      const text = formatMessage(m, lint.pkg, { color: false }) ?? m.code;
      // Suggestions are printed but do not fail the check; warnings (errors under strict) do.
      if (m.type === "suggestion") {
        if (verbose) console.log(`  ${pkg.name}: publint suggestion: ${text}`);
      } else problems.push(`publint ${m.type}: ${text}`);
    }

    // 4. are-the-types-wrong over the same tarball.
    const attw = spawnSync(bin("attw"), [tarball, ...ATTW_ARGS], { encoding: "utf8" });
    let report;
    try {
      report = JSON.parse(attw.stdout);
    } catch {
      problems.push(`attw: could not run (exit ${attw.status}): ${(attw.stderr || attw.stdout).trim()}`);
    }
    if (report) {
      if (!report.analysis.types) problems.push("attw: the package ships no types");
      // The same filter as the flags above (the JSON lists every problem, the exit code applies the profile).
      const ignoredKinds = new Set(["CJSResolvesToESM"]);
      const ignoredResolutions = new Set(["node10"]);
      for (const p of report.analysis.problems ?? []) {
        if (ignoredKinds.has(p.kind) || ignoredResolutions.has(p.resolutionKind)) continue;
        const where = [p.entrypoint, p.resolutionKind].filter(Boolean).join(" ");
        problems.push(`attw ${p.kind}${where ? ` (${where})` : ""}`);
      }
      if (attw.status !== 0 && problems.every((p) => !p.startsWith("attw"))) {
        problems.push(`attw: exit ${attw.status}: ${attw.stderr.trim()}`);
      }
    }

    // 5. Runtime conditions (bun, deno, ...) that attw does not try: under each, the types TypeScript picks
    //    must be the declarations of the JavaScript that runtime loads, under node16 and bundler resolution.
    problems.push(...checkCustomConditions(pkg, tarball, join(work, `${dir}-consumer`)));

    if (problems.length === 0) {
      console.log(`ok    ${pkg.name}@${pkg.version} (${tarList.length} files)`);
    } else {
      failed++;
      console.log(`FAIL  ${pkg.name}@${pkg.version}: ${problems.length} problem(s)`);
      for (const p of problems) console.log(`        - ${p}`);
    }
  }
} finally {
  if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}

/** Conditions TypeScript applies by itself; any other condition in `exports` is a runtime's own. */
function checkCustomConditions(pkg, tarball, consumer) {
  const standard = new Set(["types", "import", "require", "default", "node", "module-sync"]);
  const exportsMap = typeof pkg.exports === "object" && pkg.exports !== null ? pkg.exports : {};
  const subpaths = Object.keys(exportsMap).some((k) => k.startsWith(".")) ? exportsMap : { ".": exportsMap };
  const jsTarget = (v) => (typeof v === "string" ? v : v && typeof v === "object" ? jsTarget(v.import ?? v.default) : undefined);
  const checks = [];
  for (const [subpath, entry] of Object.entries(subpaths)) {
    if (!entry || typeof entry !== "object") continue;
    for (const [condition, value] of Object.entries(entry)) {
      if (standard.has(condition)) continue;
      const js = jsTarget(value);
      if (js) checks.push({ subpath, condition, expected: js.replace(/\.(m|c)?js$/, ".d.$1ts") });
    }
  }
  if (checks.length === 0) return [];

  const target = join(consumer, "node_modules", ...pkg.name.split("/"));
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ type: "module", private: true }));
  const containing = join(consumer, "index.ts");
  const problems = [];
  for (const { subpath, condition, expected } of checks) {
    const specifier = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    for (const [label, moduleResolution, module] of [
      ["node16", ts.ModuleResolutionKind.Node16, ts.ModuleKind.Node16],
      ["bundler", ts.ModuleResolutionKind.Bundler, ts.ModuleKind.ESNext],
    ]) {
      const options = { module, moduleResolution, customConditions: [condition], noEmit: true };
      const { resolvedModule } = ts.resolveModuleName(specifier, containing, options, ts.sys, undefined, undefined, ts.ModuleKind.ESNext);
      const got = resolvedModule?.resolvedFileName;
      const want = resolve(target, expected);
      if (got !== want) {
        const shown = got ? got.slice(target.length + 1) : "nothing";
        problems.push(
          `types under condition "${condition}" (${label}) for "${specifier}": ${shown}, expected ${expected.replace(/^\.\//, "")}`,
        );
      }
    }
  }
  return problems;
}

if (failed) {
  console.log(`\n${failed} of ${PACKAGES.length} packages have packaging problems`);
  process.exit(1);
}
console.log(`\nall ${PACKAGES.length} packages pass publint (strict) and attw (node16, ESM-only)`);
