// Runs the measurement processes: every variant once per round, round-robin, `runs` rounds; repeats a
// measurement that other processes disturbed (within a bounded number of repeats per bench run).
import { setTimeout as sleep } from "node:timers/promises";
import { runProcess } from "anyproc";

/** A measurement during which other processes took more than this share of the CPUs is repeated… */
export const MAX_FOREIGN_CPU = 0.1;
/** …at most this many times in one bench run, after a pause that lets a burst of other work pass. */
export const MAX_RETRIES = 10;
const RETRY_PAUSE_MS = 1000;

const percent = (share) => `${(share * 100).toFixed(0)} %`;

/** Runs one measurement process in `cwd`: `{ result }` (its JSON line) or `{ error }`. */
async function measure(argv, cwd) {
  const run = await runProcess(argv, { cwd, check: false, timeout: 120_000 }).catch((error) => ({
    exitCode: null,
    stdout: "",
    stderr: String(error?.message ?? error),
  }));
  const last = run.stdout.trim().split("\n").pop();
  if (run.exitCode !== 0 || !last) return { error: run.stderr.trim() || `exit ${run.exitCode ?? run.signal}` };
  return { result: JSON.parse(last) };
}

/**
 * Runs `runs` rounds of `plan`, writing progress to stdout: `.` a measurement, `r` a repeat, `!` a measurement
 * kept though disturbed (no repeats left), `x` a failure, `-` a variant skipped after it failed. `suite` says how to
 * start a variant (`argv(variant, round)`), name it (`name(variant)`), and `record(values, variant, result)` its
 * figures into leaves `{ value: [], foreignCpu: [] }` (one entry per kept measurement), returning failures the
 * measurement reported; `maxRetries` caps the repeats (default {@link MAX_RETRIES}). Returns the values, the
 * runtime versions, failures and repeats.
 */
export async function runRounds(plan, runs, cwd, suite) {
  const values = {};
  const versions = {};
  const failures = [];
  const retried = [];
  const broken = new Set(); // a variant that failed once is not run again: a broken build would otherwise cost a timeout per round
  for (let round = 1; round <= runs; round++) {
    const roundStart = Date.now();
    process.stdout.write(`  run ${round}/${runs} `);
    for (const variant of plan) {
      if (broken.has(variant)) {
        process.stdout.write("-");
        continue;
      }
      const name = `${suite.name(variant)} (run ${round})`;
      const argv = suite.argv(variant, round);
      let outcome = await measure(argv, cwd);
      const disturbed = () => outcome.result && outcome.result.foreignCpu > MAX_FOREIGN_CPU;
      while (disturbed() && retried.length < (suite.maxRetries ?? MAX_RETRIES)) {
        retried.push(`${name}: other processes took ${percent(outcome.result.foreignCpu)} of the CPUs`);
        process.stdout.write("r");
        await sleep(RETRY_PAUSE_MS);
        outcome = await measure(argv, cwd);
      }
      if (outcome.error) {
        failures.push(`${name}: ${outcome.error}`);
        broken.add(variant);
        process.stdout.write("x");
        continue;
      }
      versions[variant.runtime] = outcome.result.version;
      const reported = suite.record(values, variant, outcome.result);
      for (const failure of reported) failures.push(`${name}: ${failure}`);
      process.stdout.write(reported.length > 0 ? "x" : disturbed() ? "!" : ".");
    }
    process.stdout.write(` ${((Date.now() - roundStart) / 1000).toFixed(1)} s\n`);
  }
  return { values, versions, failures, retried };
}
