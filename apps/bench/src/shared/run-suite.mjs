// Runs one round-robin suite (toProcess or spawn) end to end: its measurement processes for `runs` rounds,
// the summaries, the terminal report, and the results files through the one report writer.
import { describeMachine, load } from "./machine.mjs";
import { interferenceLine, writeReport } from "./report.mjs";
import { MAX_FOREIGN_CPU, runRounds } from "./rounds.mjs";
import { interferenceSummary, summarizeTree } from "./stats.mjs";

/**
 * The facts of a run that every suite's results record as they are: when and how it ran, how long, the load,
 * the interference, the repeats and the machine; a suite's `describe` spreads them into its run object.
 */
export function runRecord(facts) {
  const { date, command, quick, durationS, load, interference, retried, machine } = facts;
  return { date, command, quick, durationS, load, interference, retried, machine };
}

/**
 * Runs `suite` `runs` times in `here` (apps/bench/) and returns the run. `command` is recorded in the
 * results; `quick` marks a smoke run, whose files are `<results>-quick.*` so it never replaces the real ones.
 *
 * A suite is `{ results, title, intro(count, runs, quick), plan(), rounds(quick, state), describe(facts),
 * terminalReport(run), markdownBody(run, base), extraFiles?(run) }`: `rounds` gives what runRounds needs
 * (`argv`, `name`, `record`, `maxRetries`), keeping anything besides the figures in `state`; `describe` turns
 * the facts of the run (`date`, `command`, `quick`, `durationS`, `load`, `interference`, `retried`, `machine`,
 * `runs`, `results`, `failures`, `state`) into the run object written as JSON.
 */
export async function runSuite(suite, { runs, here, command, quick = false }) {
  const plan = suite.plan();
  console.log(`${suite.intro(plan.length, runs, quick)}\n`);
  const started = Date.now();
  const loadStart = load();
  const state = {};
  const { values, versions, failures, retried } = await runRounds(plan, runs, here, suite.rounds(quick, state));
  const run = suite.describe({
    date: new Date().toISOString(),
    command,
    quick,
    durationS: (Date.now() - started) / 1000,
    load: { start: loadStart },
    interference: interferenceSummary(values),
    retried,
    machine: describeMachine(versions),
    runs,
    results: summarizeTree(values),
    failures,
    state,
  });

  console.log(`\n${suite.terminalReport(run)}`);
  for (const failure of failures) console.error(`\nfailed: ${failure}`);
  console.log(`\n${interferenceLine(run.interference, retried.length)}`);
  if (run.interference.max > MAX_FOREIGN_CPU)
    console.warn("warning: some measurements stayed disturbed after the repeats; those figures are skewed");

  const base = quick ? `${suite.results}-quick` : suite.results;
  const written = writeReport(here, base, run, suite);
  console.log(`\nwrote ${written.join(", ")} (${run.durationS.toFixed(0)} s)`);
  return run;
}
