// The toProcess suite (issue 3): every measurement of run-one.mjs in fresh node, bun and deno processes,
// round-robin; prints its tables and targets and writes results/to-process.{json,md}. Returns the run.
import { writeFileSync } from "node:fs";
import { describeMachine, load } from "./machine.mjs";
import { BATCH, METHOD_NOTES } from "./measure.mjs";
import { variants } from "./plan.mjs";
import { interferenceLine, markdownReport, terminalReport } from "./report.mjs";
import { MAX_FOREIGN_CPU, MAX_RETRIES, runRounds } from "./rounds.mjs";
import { interferenceSummary, summarize } from "./stats.mjs";
import { checkTargets } from "./targets.mjs";

/** Runs the suite `runs` times in `here` (apps/bench/); `command` is recorded in the results; `quick` writes `*-quick` files. */
export async function runToProcessSuite({ runs, here, command, quick = false }) {
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
    command,
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
        'anyproc: `toProcess.pool()` of `anyproc`. Raw channel: bare worker processes of the same runtime on a `node:net` abstract Unix socket, one NDJSON line each way per call, one call per worker at a time (`src/raw-pool.mjs`, `src/raw-worker.mjs`). tinypool: `runtime: "child_process"` (Node only).',
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
  if (run.interference.max > MAX_FOREIGN_CPU)
    console.warn("warning: some measurements stayed disturbed after the repeats; those figures are skewed");

  const base = quick ? "to-process-quick" : "to-process"; // a smoke run never replaces the real results
  writeFileSync(`${here}results/${base}.json`, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(`${here}results/${base}.md`, markdownReport(run));
  console.log(`\nwrote results/${base}.json and results/${base}.md (${run.durationS.toFixed(0)} s)`);
  return run;
}
