// The spawn suite: anyproc's spawning and streaming against each runtime's native API, with execa, tinyexec
// and nano-spawn alongside, every measurement in a fresh process of node (this one and the newest Node line),
// bun or deno (`measure-one.mjs spawn`), round-robin; its summaries, budget checks, side-by-side table and
// results/spawn.{json,md,svg}, for shared/run-suite.mjs.
import { packageVersion } from "../shared/machine.mjs";
import { MAX_FOREIGN_CPU, MAX_RETRIES } from "../shared/rounds.mjs";
import { runRecord } from "../shared/run-suite.mjs";
import { checkBudgets } from "./budgets.mjs";
import { renderChart } from "./chart.mjs";
import { EFFORT } from "./measure.mjs";
import { spawnArgv, spawnVariants } from "./plan.mjs";
import { CONCURRENCY, SIZES } from "./scenarios.mjs";
import { markdownBody, terminalReport } from "./tables.mjs";

/** Method notes for the report. */
function methodNotes(runs, quick) {
  const e = quick ? EFFORT.quick : EFFORT.full;
  const size = (kind) => `${(quick ? SIZES[kind].quick : SIZES[kind].full) / 2 ** 20} MiB`;
  return [
    `Every figure is the median [min..max] over ${runs} separate runtime processes (\`measure-one.mjs spawn\`; node, bun, \`deno run -A\` and the newest Node line of the table of runtimes, beside the Node that runs the bench), run round-robin. Side-by-side scenarios (spawn, capture, stdout read, stdin) measure every subject in one process, in interleaved passes (after a warm-up pass, each pass runs every subject in turn, the order rotated per pass and per process), so drift in the machine's state touches all alike; the ratio in parentheses is then the median over the processes of the ratio each measured to the native API. Peak memory and collecting 1 GiB give each subject its own process, so the memory is its own; their ratio is of the medians.`,
    `Native baselines do the same work with the same stdio: \`child_process.spawn\` (Node), \`Bun.spawn\` (Bun), \`Deno.Command\` (Deno); anyproc is \`runProcess\`/\`openProcess\` of the \`anyproc\` package (packages/*/dist). execa, tinyexec and nano-spawn run on all three runtimes through their Node APIs (Bun's and Deno's node:child_process).`,
    `Sequential spawn: \`/bin/true\` with stdin, stdout and stderr ignored, awaited one at a time; tinybench, ${e.seqWarmup} warm-up spawns, then ${e.passes} passes of at least ${e.seqMs / e.passes} ms per subject; a process's figure is the median of all its spawns. Concurrent: ${CONCURRENCY} of the same at once (\`Promise.all\`), 1 warm-up batch, ${e.concBatches} batches, median batch. Capture: \`/bin/echo hello\` with stdout and stderr captured (native: \`data\` events + \`close\`, \`.text()\`, \`output()\`; libraries with their defaults), measured like sequential spawn.`,
    `stdout: \`head -c ${quick ? SIZES.stdout.quick : SIZES.stdout.full} /dev/zero\` read to the end, timed from spawn to exit after a full GC, MB = 10^6 bytes; ${e.pairRuns} timed passes after the warm-up. Fastest native reader: \`for await\` over the Readable (Node), the stream's default reader (Bun), a BYOB reader reusing one 1 MiB buffer (Deno); other reader: \`Readable.toWeb\` (Node), the default reader (Deno). Reader into one reused buffer (Node and Bun, peak memory only): the child's stdout is one end of a node:net socket pair, the other read through \`onread\`. anyproc openProcess: BYOB reader reusing one buffer where anyproc's stdout is a byte stream, else the default reader. anyproc, reuseReadBuffer (Node): the same reader on @anyproc/node's \`createAdapter({ reuseReadBuffer: true })\`, whose stdout is a byte stream. Collected (own process each): \`Buffer.concat\` of the chunks (Node), \`stdout.bytes()\` (Bun), \`output()\` (Deno); anyproc: \`runProcess(…, { encoding: "bytes", maxBuffer: Infinity })\`; the first run gives the memory figure (and warms up), ${e.streamRuns} more the throughput.`,
    `Memory: the rise of the process's peak RSS (VmHWM, reset through /proc/self/clear_refs) above its RSS just before the first streaming run, after a full GC, one subject per process; for the collected variants it includes the result itself (${size("stdout")}).`,
    `stdin: ${size("stdin")} written to \`cat\` (stdout ignored) in 1 MiB writes, each awaited (Node: \`write\` + \`drain\`; Bun: \`FileSink.write\` + \`flush\`; Deno: the writer); other writer: a \`Writable.toWeb\` writer (Node); runProcess input: one ${size("stdin")} Uint8Array, allocated once per process, as \`input\`; ${e.stdinRuns} timed passes after the warm-up.`,
    `Heap: sequential spawns of \`/bin/true\` (${e.heapSpawns} per subject) first with the process's own small heap, then after allocating ~1 GB of live heap (128 Ki arrays of 1000 doubles in ordinary heap pages, src/spawn/ballast.mjs). The spawn helper is measured when @anyproc/node/spawn-helper exports \`startSpawnHelper\`.`,
    `Interference: each measurement reports the share of the CPUs' time that processes other than its own and its children (running, or exited and reaped) took meanwhile; one above ${MAX_FOREIGN_CPU * 100} % is repeated, at most ${MAX_RETRIES} times per bench run.`,
  ];
}

/** The libraries measured alongside, whose versions the results record. */
const LIBRARIES = ["execa", "tinyexec", "nano-spawn"];

/** The spawn suite, as shared/run-suite.mjs runs it. */
export const SPAWN_SUITE = {
  results: "spawn",
  title: "Spawn and stream benchmark",
  intro: (count, runs, quick) => `spawn bench${quick ? " (--quick)" : ""}: ${count} measurement processes × ${runs} runs, round-robin`,
  plan: spawnVariants,
  /** `values[runtime][scenario][key][metric]` gets each figure; `state.unavailable` why a subject did not run. */
  rounds: (quick, state) => {
    const unavailable = (state.unavailable = {});
    return {
      maxRetries: quick ? 0 : MAX_RETRIES, // a smoke run's short measurements are too coarse to judge
      argv: (variant, round) => spawnArgv(variant, round, quick),
      name: (v) => `${v.runtime} ${v.scenario} ${v.key}`,
      record(values, variant, result) {
        for (const f of result.figures) {
          const list = ((((values[variant.runtime] ??= {})[variant.scenario] ??= {})[f.key] ??= {})[f.metric] ??= {
            value: [],
            foreignCpu: [],
          });
          list.value.push(f.value);
          list.foreignCpu.push(result.foreignCpu);
        }
        for (const { key, why } of result.unavailable) ((unavailable[variant.runtime] ??= {})[variant.scenario] ??= {})[key] = why;
        return result.failures;
      },
    };
  },
  describe(facts) {
    const { machine, quick, runs, results } = facts;
    for (const lib of LIBRARIES) machine.versions[lib] = packageVersion(lib);
    return {
      ...runRecord(facts),
      method: { processes: runs, notes: methodNotes(runs, quick) },
      units: { time: "µs (conc: ms)", tput: "MB/s", rss: "bytes", small: "µs", large: "µs", ratio: "× the native API, side by side" },
      results,
      unavailable: facts.state.unavailable,
      checks: checkBudgets(results, quick),
      failures: facts.failures,
    };
  },
  terminalReport,
  markdownBody,
  extraFiles: (run) => ({ svg: renderChart(run) }),
};
