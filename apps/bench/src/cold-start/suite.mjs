// The cold-start suite: what `import "anyproc"` adds to the start of a fresh process, against tinyexec (the
// budget) with execa and nano-spawn alongside, and what the import and one call running `true` add, for anyproc
// and tinyexec (reported only), on node (this one and the newest Node line), bun and deno. Each
// measurement is a Node process (`measure-one.mjs cold-start <runtime> <round>`) that starts the runtime on the
// subject scripts itself, side by side, round-robin; its summaries, budget checks, tables and
// results/cold-start.{json,md}, for shared/run-suite.mjs.
import { packageVersion } from "../shared/machine.mjs";
import { MAX_FOREIGN_CPU } from "../shared/rounds.mjs";
import { runRecord } from "../shared/run-suite.mjs";
import { checkBudgets } from "./budgets.mjs";
import { STARTS } from "./measure-one.mjs";
import { coldStartArgv, coldStartVariants } from "./plan.mjs";
import { BASELINE, CALLS, IMPORTS } from "./subjects.mjs";
import { markdownBody, terminalReport } from "./tables.mjs";

/**
 * Disturbed measurements repeated per bench run: fewer than the other suites' 10, since a repeat costs a whole
 * measurement (20–55 s on 2 CPUs), so that a default run stays within about 7 minutes on a busy machine.
 */
export const COLD_START_RETRIES = 2;

/** Method notes for the report. */
export function methodNotes(runs, quick) {
  const starts = quick ? STARTS.quick : STARTS.full;
  const imports = IMPORTS.map((s) => `\`${s.script}\` (\`${s.label};\`)`).join(", ");
  const calls = CALLS.map((s) => `\`${s.script}\` (${s.label})`).join(", ");
  return [
    `Every figure is the median [min..max] over ${runs} measurement processes per runtime, run round-robin: node (the Node that runs the bench), the newest Node line of the table of runtimes beside it, bun, and \`deno run -A\`. A measurement process (\`measure-one.mjs cold-start <runtime> <round>\`) is a process of the Node that runs the bench; it starts the fresh runtime processes itself with \`spawnSync\` (stdin ignored, stdout and stderr piped), in apps/bench so that every import resolves from apps/bench/node_modules as a user's does (each package's exports conditions pick the runtime's entry).`,
    `Subjects (apps/bench/src/cold-start/): \`${BASELINE.script}\` (no code: the baseline), ${imports}, and the import with one call running \`true\` with its output collected, awaited: ${calls}; tinyexec's script also checks the exit code, since \`x\` resolves, not rejects, when the command exits non-zero. After a warm-up pass (a script printing the runtime's version, then every subject once, untimed), each of ${starts} passes starts every subject once in turn, the order rotated per pass and per process, so the machine's drift touches all alike. A start is timed with \`performance.now()\` from just before the spawn until the child has exited, and must exit 0 (otherwise the measurement fails).`,
    `A script's cost, per process: the median of its ${starts} starts minus the median of the empty script's. The ratios are anyproc's cost ÷ tinyexec's in each process, for the import and for the import and one call. The budget, per runtime: the median over the processes of anyproc's import cost is at most that of tinyexec's; the import and one call are reported only.`,
    `Interference: each measurement reports the share of the CPUs' time that processes other than its own and its children (running, or exited and reaped) took during its timed passes; one above ${MAX_FOREIGN_CPU * 100} % is repeated, at most ${COLD_START_RETRIES} times per bench run (none in a --quick run).`,
  ];
}

/** The cold-start suite, as shared/run-suite.mjs runs it. */
export const COLD_START_SUITE = {
  results: "cold-start",
  title: "Cold-start benchmark",
  intro: (count, runs, quick) =>
    `cold-start bench${quick ? " (--quick)" : ""}: ${count} measurement processes × ${runs} runs, round-robin, ${quick ? STARTS.quick : STARTS.full} starts per script each`,
  plan: coldStartVariants,
  /** `values[runtime][key][metric]` gets each figure. */
  rounds: (quick) => ({
    maxRetries: quick ? 0 : COLD_START_RETRIES,
    argv: (variant, round) => coldStartArgv(variant, round, quick),
    name: (v) => v.runtime,
    record(values, variant, result) {
      for (const f of result.figures) {
        const list = (((values[variant.runtime] ??= {})[f.key] ??= {})[f.metric] ??= { value: [], foreignCpu: [] });
        list.value.push(f.value);
        list.foreignCpu.push(result.foreignCpu);
      }
      return result.failures;
    },
  }),
  describe(facts) {
    const { machine, quick, runs, results } = facts;
    for (const { key } of IMPORTS.slice(1)) machine.versions[key] = packageVersion(key);
    return {
      ...runRecord(facts),
      method: { processes: runs, starts: quick ? STARTS.quick : STARTS.full, notes: methodNotes(runs, quick) },
      units: {
        ms: "ms, wall-clock per start",
        cost: "ms, the median start minus the empty script's",
        ratio: "× tinyexec's cost for the same script, per process",
      },
      results,
      checks: checkBudgets(results),
      failures: facts.failures,
    };
  },
  terminalReport,
  markdownBody,
};
