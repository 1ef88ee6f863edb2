// Runs the conformance suite on every lane of lib/runtimes.mjs one after another and prints the matrix.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { collectLane } from "./lib/collect.mjs";
import { checkKnownGaps, loadKnownGaps } from "./lib/known-gaps.mjs";
import { buildMatrix, matrixToJson } from "./lib/matrix.mjs";
import { RESULTS, ROOT } from "./lib/paths.mjs";
import { renderMarkdown, renderText } from "./lib/render.mjs";
import { runLane } from "./lib/run-lane.mjs";
import { LANES, REQUIRED_LANES } from "./lib/runtimes.mjs";

const USAGE = `usage: node run.mjs [--lane <name>]... [--timeout <seconds>]

  --lane <name>      run only this lane (repeatable): ${LANES.map((l) => l.name).join(", ")}
  --timeout <s>      per-lane time limit in seconds (default 360; a lane may set a shorter one)

Runs the lanes one at a time, prints the matrix and writes results/ (matrix.md and matrix.json only
when every lane ran). Exits 1 when a case fails or a lane breaks in the required lanes: ${REQUIRED_LANES.join(", ")}.`;

const { values } = parseArgs({
  options: { lane: { type: "string", multiple: true }, timeout: { type: "string", default: "360" }, help: { type: "boolean" } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const selected = values.lane?.flatMap((l) => l.split(",")) ?? LANES.map((l) => l.name);
const unknown = selected.filter((name) => !LANES.some((l) => l.name === name));
const timeoutMs = Number(values.timeout) * 1000;
if (unknown.length || !(timeoutMs > 0)) {
  console.error(
    unknown.length ? `unknown lane: ${unknown.join(", ")}` : `--timeout must be a positive number of seconds, got ${values.timeout}`,
  );
  console.error(USAGE);
  process.exit(2);
}

const knownGaps = loadKnownGaps(join(ROOT, "test-matrix", "known-gaps.json"), LANES);
mkdirSync(RESULTS, { recursive: true });
const resultsDir = relative(process.cwd(), RESULTS) || ".";

const results = [];
for (const lane of LANES.filter((l) => selected.includes(l.name))) {
  const report = join(RESULTS, `${lane.name}.${lane.format === "junit" ? "xml" : "json"}`);
  const log = join(RESULTS, `${lane.name}.log`);
  rmSync(report, { force: true });
  rmSync(log, { force: true });
  const { bin, args } = lane.command(report);
  const shown = bin === null ? "(missing)" : bin.startsWith(ROOT) ? relative(join(ROOT, lane.cwd), bin) : bin;
  const command = [shown, ...args].join(" ");
  process.stdout.write(`▶ ${lane.name.padEnd(13)} ${lane.cwd}$ ${command}\n`);
  const limitMs = Math.min(timeoutMs, (lane.limitSeconds ?? Number.POSITIVE_INFINITY) * 1000);
  const run = bin ? await runPrepared(lane, bin, args, log, limitMs) : notRun(lane.missing);
  const result = collectLane(lane, command, run, report, log);
  const verdict = result.errors.length ? "lane error" : [...result.cases.values()].includes("failed") ? "failures" : "ok";
  process.stdout.write(`  ${verdict}, ${result.cases.size} cases in ${(run.durationMs / 1000).toFixed(1)} s\n`);
  results.push(result);
}

const matrix = buildMatrix(results);
const gaps = checkKnownGaps(matrix, knownGaps);
console.log(`\n${renderText(matrix, gaps, resultsDir)}`);
if (results.length === LANES.length) {
  writeFileSync(join(RESULTS, "matrix.md"), renderMarkdown(matrix, gaps, relative(ROOT, RESULTS)));
  writeFileSync(join(RESULTS, "matrix.json"), `${JSON.stringify(matrixToJson(matrix, gaps), null, 2)}\n`);
  console.log(`\nwrote ${resultsDir}/matrix.md and ${resultsDir}/matrix.json`);
}
process.exitCode = matrix.ok ? 0 : 1;

/** Runs a lane whose command is installed, after what its `env` sets up; a setup that fails is the lane's error. */
async function runPrepared(lane, bin, args, log, limitMs) {
  let env;
  try {
    env = lane.env;
  } catch (error) {
    return notRun(`its setup failed: ${error.message.trim()}`);
  }
  return runLane(lane, bin, args, log, limitMs, env);
}

/** The outcome of a lane that could not start, and why. */
function notRun(why) {
  return { exitCode: null, signal: null, timedOut: false, leftovers: [], durationMs: 0, spawnError: why };
}
