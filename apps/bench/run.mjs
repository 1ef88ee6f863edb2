// The toProcess benchmark: runs every measurement (run-one.mjs) in fresh node, bun and deno processes,
// round-robin, several times; prints the side-by-side tables and the issue's targets, writes results/,
// and exits non-zero when a target is missed (`--no-budget`: report only). `--runs=N` sets the repetitions.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { staleBuilds } from "./src/build-check.mjs";
import { describeMachine, load } from "./src/machine.mjs";
import { BATCH, METHOD_NOTES } from "./src/measure.mjs";
import { variants } from "./src/plan.mjs";
import { interferenceLine, markdownReport, terminalReport } from "./src/report.mjs";
import { MAX_FOREIGN_CPU, MAX_RETRIES, runRounds } from "./src/rounds.mjs";
import { interferenceSummary, summarize } from "./src/stats.mjs";
import { checkTargets } from "./src/targets.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const budget = !args.includes("--no-budget");
const runsArg = args.find((a) => a.startsWith("--runs="));
const runs = runsArg ? Number(runsArg.slice("--runs=".length)) : 5;
if (args.some((a) => a !== "--no-budget" && a !== runsArg) || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: node run.mjs [--no-budget] [--runs=N]   (N ≥ 1, default 5)");
  process.exit(2);
}

const stale = staleBuilds();
if (stale.length > 0) {
  console.warn(`warning: the build of ${stale.join(", ")} is missing or older than its src; run \`pnpm build\` first (the bench measures dist)\n`);
}

const plan = variants();
console.log(`toProcess bench: ${plan.length} measurements × ${runs} runs, each in a fresh runtime process, round-robin\n`);
const started = Date.now();
const loadStart = load();
const { values, versions, failures, retried } = await runRounds(plan, runs, here);

const results = {};
for (const [runtime, subjects] of Object.entries(values)) {
  for (const [subject, metrics] of Object.entries(subjects)) {
    for (const [metric, list] of Object.entries(metrics)) {
      ((results[runtime] ??= {})[subject] ??= {})[metric] = { ...summarize(list.value), foreignCpu: list.foreignCpu };
    }
  }
}
const run = {
  date: new Date().toISOString(),
  command: `pnpm --filter @anyproc/bench start${args.length ? ` ${args.join(" ")}` : ""}`,
  durationS: (Date.now() - started) / 1000,
  load: { start: loadStart },
  interference: interferenceSummary(values),
  retried,
  machine: describeMachine(versions),
  method: {
    processes: runs,
    batch: BATCH,
    notes: [
      `Every figure is the median [min..max] over ${runs} separate runtime processes (\`run-one.mjs\`, one per measurement, on node, bun, and \`deno run -A\`), run round-robin.`,
      ...METHOD_NOTES,
      "anyproc: `toProcess.pool()` of `anyproc`. Raw channel: bare worker processes of the same runtime on a `node:net` abstract Unix socket, one NDJSON line each way per call, one call per worker at a time (`src/raw-pool.mjs`, `src/raw-worker.mjs`). tinypool: `runtime: \"child_process\"` (Node only).",
      `Interference: each measurement reports the share of the CPUs' time that processes other than its own took meanwhile (/proc/stat against /proc/*/task/*/schedstat); one above ${MAX_FOREIGN_CPU * 100} % is repeated, at most ${MAX_RETRIES} times per bench run.`,
    ],
  },
  units: { rttSame: "µs", rttCross: "µs", tput: "calls/s" },
  results,
  checks: checkTargets(results),
  failures,
};

console.log(`\n${terminalReport(run)}`);
for (const failure of failures) console.error(`\nfailed: ${failure}`);
console.log(`\n${interferenceLine(run.interference, retried.length)}`);
if (run.interference.max > MAX_FOREIGN_CPU) console.warn("warning: some measurements stayed disturbed after the repeats; those figures are skewed");

mkdirSync(`${here}results`, { recursive: true });
writeFileSync(`${here}results/to-process.json`, `${JSON.stringify(run, null, 2)}\n`);
writeFileSync(`${here}results/to-process.md`, markdownReport(run));
console.log(`\nwrote results/to-process.json and results/to-process.md (${run.durationS.toFixed(0)} s)`);

const missed = run.checks.filter((c) => !c.met);
if (failures.length > 0) process.exitCode = 1;
else if (missed.length > 0 && budget) {
  console.error(`\n${missed.length} target(s) missed (--no-budget reports without failing)`);
  process.exitCode = 1;
}
