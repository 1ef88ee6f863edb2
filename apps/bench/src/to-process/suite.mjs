// The toProcess suite: anyproc's worker pool against the raw channel it is built on and tinypool, every
// measurement in a fresh node, bun or deno process (`measure-one.mjs to-process`), round-robin; its
// summaries, target checks, tables and results/to-process.{json,md}, for shared/run-suite.mjs.
import { MAX_FOREIGN_CPU, MAX_RETRIES } from "../shared/rounds.mjs";
import { runRecord } from "../shared/run-suite.mjs";
import { BATCH, METHOD_NOTES } from "./measure.mjs";
import { measurementArgv, variants } from "./plan.mjs";
import { markdownBody, terminalReport } from "./tables.mjs";
import { checkTargets } from "./targets.mjs";
import { BALLAST, START_SAMPLES } from "./worker-start.mjs";

/** Method notes for the report. */
function methodNotes(runs) {
  return [
    `Every figure is the median [min..max] over ${runs} separate runtime processes (\`measure-one.mjs to-process\`, one per measurement, on node, bun, and \`deno run -A\`), run round-robin.`,
    ...METHOD_NOTES,
    'anyproc: `toProcess.pool()` of `anyproc`. Raw channel: bare worker processes of the same runtime on a `node:net` abstract Unix socket, one NDJSON line each way per call, one call per worker at a time (`src/to-process/raw-pool.mjs`, `src/to-process/raw-worker.mjs`). tinypool: `runtime: "child_process"` (Node only).',
    `Worker start (Node and the newest Node line): ${START_SAMPLES} fresh 1-worker \`toProcess.pool()\`s of \`anyproc\` per heap size, after one more as a warm-up; each times its first call (\`echo(1)\`, which starts the worker) and, after a call that kills its own worker with SIGKILL has rejected, the next call (which starts a replacement). A process's figure is the median of its pools, first with its own small heap, then after growing the spawn-heap suite's ballast (${BALLAST.mib} MiB, one \`Buffer\` with every page touched); the ratio is the large heap's figure over the small heap's in the same process, and a budget takes the median of those ratios. The workers are started by the caller ("the caller"), or by a spawn helper of \`@anyproc/node/spawn-helper\` that the process started and waited for while small, with the same \`toProcess\` of \`anyproc\` (its workers start through a running helper).`,
    `Interference: each measurement reports the share of the CPUs' time that processes other than its own took meanwhile (/proc/stat against /proc/*/task/*/schedstat); one above ${MAX_FOREIGN_CPU * 100} % is repeated, at most ${MAX_RETRIES} times per bench run.`,
  ];
}

/** The toProcess suite, as shared/run-suite.mjs runs it. */
export const TO_PROCESS_SUITE = {
  results: "to-process",
  title: "toProcess benchmark",
  intro: (count, runs) => `toProcess bench: ${count} measurements × ${runs} runs, each in a fresh runtime process, round-robin`,
  plan: variants,
  rounds: () => ({
    argv: (variant) => measurementArgv(variant),
    name: (variant) => `${variant.runtime} ${variant.subject} ${variant.metric}`,
    /**
     * `values[runtime][subject][metric]` gets the measurement's one value; a worker-start measurement's figures go
     * to `values[runtime][subject][metric][figure]`.
     */
    record(values, variant, result) {
      const at = ((values[variant.runtime] ??= {})[variant.subject] ??= {});
      const leaf = (node, key) => (node[key] ??= { value: [], foreignCpu: [] });
      const lists = result.figures
        ? result.figures.map((f) => [leaf((at[variant.metric] ??= {}), f.key), f.value])
        : [[leaf(at, variant.metric), result.value]];
      for (const [list, value] of lists) {
        list.value.push(value);
        list.foreignCpu.push(result.foreignCpu);
      }
      return [];
    },
  }),
  describe: (facts) => ({
    ...runRecord(facts),
    method: { processes: facts.runs, batch: BATCH, notes: methodNotes(facts.runs) },
    units: { rttSame: "µs", rttCross: "µs", tput: "calls/s", start: "ms (ratios ×, RSS MiB)", startHelper: "ms (ratios ×, RSS MiB)" },
    results: facts.results,
    checks: checkTargets(facts.results),
    failures: facts.failures,
  }),
  terminalReport,
  markdownBody,
};
