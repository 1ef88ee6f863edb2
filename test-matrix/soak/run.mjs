// The soak lane: runs soak/workload.mjs on node, bun and deno one after another, prints the figures, writes docs/contributing/reliability.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { RESULTS, ROOT } from "../lib/paths.mjs";
import { runLane } from "../lib/run-lane.mjs";
import { renderMarkdown, renderText } from "./_report.mjs";
import { randomSeed } from "./_rng.mjs";
import { LEAKY_ADAPTER, RUNS, WORKLOAD, WORKLOAD_CWD } from "./_runs.mjs";
import { judgeControl, judgeRun, readReport } from "./_verdict.mjs";
import { PHASES } from "./phases/index.mjs";

const USAGE = `usage: node soak/run.mjs [--runtime <name>]... [--timeout <seconds>] [--seed <n>] [--scale <f>] [--no-control]

  --runtime <name>   run only this runtime (repeatable): ${RUNS.map((r) => r.name).join(", ")}
  --timeout <s>      per-runtime time limit in seconds (default 150)
  --seed <n>         seed of the workload's random choices (default: a new one, printed)
  --scale <f>        multiply every phase's count (default 1: the full counts)
  --no-control       skip the leaky-adapter control runs

Writes results/soak.json, and docs/contributing/reliability.md when all runtimes ran at scale 1 with their controls.
Exits 1 when a runtime leaks, leaves a promise unsettled, settles a call wrongly or fails to report.`;

/** The control run: one short phase, and a quick stall limit for the promise it leaves unsettled. */
const CONTROL_ARGS = ["--scale", "0.05", "--phases", "sequential", "--stall-ms", "1000", "--grace-ms", "300"];
const CONTROL_TIMEOUT_MS = 60_000;

const { values } = parseArgs({
  options: {
    runtime: { type: "string", multiple: true },
    timeout: { type: "string", default: "150" },
    seed: { type: "string" },
    scale: { type: "string", default: "1" },
    "no-control": { type: "boolean" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const selected = values.runtime?.flatMap((r) => r.split(",")) ?? RUNS.map((r) => r.name);
const timeoutMs = Number(values.timeout) * 1000;
const seed = values.seed === undefined ? randomSeed() : Number(values.seed);
const scale = Number(values.scale);
const invalid = [
  ...selected.filter((name) => !RUNS.some((r) => r.name === name)).map((name) => `unknown runtime: ${name}`),
  ...(timeoutMs > 0 ? [] : [`--timeout must be a positive number of seconds, got ${values.timeout}`]),
  ...(Number.isInteger(seed) && seed >= 0 ? [] : [`--seed must be a non-negative integer, got ${values.seed}`]),
  ...(scale > 0 ? [] : [`--scale must be a positive number, got ${values.scale}`]),
];
if (invalid.length) {
  console.error(`${invalid.join("\n")}\n${USAGE}`);
  process.exit(2);
}

mkdirSync(RESULTS, { recursive: true });
const started = performance.now();
const lane = {
  seed,
  date: new Date().toISOString(),
  command: ["node test-matrix/soak/run.mjs", ...process.argv.slice(2)].join(" "),
  machine: machine(),
  revision: revision(),
  runtimes: [],
  durationMs: 0,
  ok: false,
};
console.log(`soak lane, seed ${seed}${scale === 1 ? "" : `, scale ${scale}`}`);
const scaleArgs = scale === 1 ? [] : ["--scale", String(scale)];
for (const runtime of RUNS.filter((r) => selected.includes(r.name))) {
  const bin = runtime.bin();
  const adapter = runtime.adapter;
  const env = { SOAK_LEAKY_ADAPTER: pathToFileURL(join(ROOT, WORKLOAD_CWD, adapter)).href };
  const control = values["no-control"]
    ? null
    : await runWorkload(
        runtime,
        bin,
        `${runtime.name}-control`,
        [LEAKY_ADAPTER, "--seed", String(seed), ...CONTROL_ARGS],
        CONTROL_TIMEOUT_MS,
        env,
      );
  const main = await runWorkload(runtime, bin, runtime.name, [adapter, "--seed", String(seed), ...scaleArgs], timeoutMs);
  const errors = judgeRun(
    main.run,
    main.report,
    main.log,
    PHASES.map((p) => p.name),
  );
  const controlErrors = control ? judgeControl(control.run, control.report, control.log) : null;
  lane.runtimes.push({
    name: runtime.name,
    version: main.report?.version ?? control?.report?.version ?? null,
    command: main.command,
    durationMs: main.run.durationMs,
    report: main.report,
    errors,
    control: control && { errors: controlErrors, durationMs: control.run.durationMs, report: control.report },
  });
  const problems = errors.length + (controlErrors?.length ?? 0);
  console.log(
    `  ${problems ? `${problems} problem(s)` : "ok"}, ${(main.run.durationMs / 1000).toFixed(1)} s${control ? ` (+ control ${(control.run.durationMs / 1000).toFixed(1)} s)` : ""}`,
  );
}
lane.durationMs = performance.now() - started;
lane.ok = lane.runtimes.length > 0 && lane.runtimes.every((rt) => rt.errors.length === 0 && (rt.control?.errors.length ?? 0) === 0);

console.log(`\n${renderText(lane)}`);
const resultsDir = relative(process.cwd(), RESULTS) || ".";
writeFileSync(join(RESULTS, "soak.json"), `${JSON.stringify(lane, null, 2)}\n`);
const complete = lane.runtimes.length === RUNS.length && scale === 1 && !values["no-control"];
if (complete) writeFileSync(join(ROOT, "docs", "contributing", "reliability.md"), renderMarkdown(lane));
console.log(
  `\nwrote ${resultsDir}/soak.json${complete ? " and docs/contributing/reliability.md" : " (docs/contributing/reliability.md only from a full run: every runtime, scale 1, controls on)"}`,
);
process.exitCode = lane.ok ? 0 : 1;

/** Runs the workload once on `runtime` through runLane (own process group, time limit, log file). */
async function runWorkload(runtime, bin, name, workloadArgs, limitMs, env = {}) {
  const log = join(RESULTS, `soak-${name}.log`);
  rmSync(log, { force: true });
  const args = [...runtime.args(WORKLOAD), ...workloadArgs];
  const shown = bin === process.execPath ? "node" : bin ? relative(join(ROOT, WORKLOAD_CWD), bin) : "(missing)";
  const command = [...Object.entries(env).map(([k, v]) => `${k}=${v}`), shown, ...args].join(" ");
  process.stdout.write(`▶ ${name.padEnd(12)} ${WORKLOAD_CWD}$ ${command}\n`);
  const run = bin
    ? await runLane({ name: `soak-${name}`, cwd: WORKLOAD_CWD }, bin, args, log, limitMs, env)
    : {
        exitCode: null,
        signal: null,
        timedOut: false,
        leftovers: [],
        durationMs: 0,
        spawnError: "its executable is not in node_modules/.bin (run pnpm install)",
      };
  return { run, log, command, report: readReport(log) };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown CPU",
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
  };
}

/** `git describe`-like revision of the checkout, marking uncommitted changes under packages/; null without git. */
function revision() {
  try {
    const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = git("status", "--porcelain", "--", "packages") !== "";
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes in packages/" : ""}`;
  } catch {
    return null;
  }
}
