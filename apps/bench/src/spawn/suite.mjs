// The spawn suite (issue 5): every spawn-one.mjs measurement in fresh node, bun and deno processes,
// round-robin; prints the side-by-side table and budgets, writes results/spawn.{json,md,svg}. Returns the run.
import { readFileSync, writeFileSync } from "node:fs";
import { describeMachine, load } from "../machine.mjs";
import { interferenceLine } from "../report.mjs";
import { MAX_FOREIGN_CPU, MAX_RETRIES, runRounds } from "../rounds.mjs";
import { interferenceSummary, summarize } from "../stats.mjs";
import { checkBudgets } from "./budgets.mjs";
import { renderChart } from "./chart.mjs";
import { EFFORT } from "./measure.mjs";
import { spawnArgv, spawnVariants } from "./plan.mjs";
import { markdownReport, terminalReport } from "./report.mjs";
import { CONCURRENCY, SIZES } from "./scenarios.mjs";

/** The installed version of a dependency of the bench. */
const packageVersion = (name) =>
  JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;

/** How the spawn suite starts, names and records a measurement. */
function suite(quick, unavailable) {
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
}

/** Method notes for the report. */
function methodNotes(runs, quick) {
  const e = quick ? EFFORT.quick : EFFORT.full;
  const size = (kind) => `${(quick ? SIZES[kind].quick : SIZES[kind].full) / 2 ** 20} MiB`;
  return [
    `Every figure is the median [min..max] over ${runs} separate runtime processes (\`spawn-one.mjs\`; node, bun, and \`deno run -A\`), run round-robin. Side-by-side scenarios (spawn, capture, stdout read, stdin) measure every subject in one process, in interleaved passes (after a warm-up pass, each pass runs every subject in turn, the order rotated per pass and per process), so drift in the machine's state touches all alike; the ratio in parentheses is then the median over the processes of the ratio each measured to the native API. Peak memory and collecting 1 GiB give each subject its own process, so the memory is its own; their ratio is of the medians.`,
    `Native baselines do the same work with the same stdio: \`child_process.spawn\` (Node), \`Bun.spawn\` (Bun), \`Deno.Command\` (Deno); anyproc is \`runProcess\`/\`openProcess\` of the \`anyproc\` package (packages/*/dist). execa, tinyexec and nano-spawn run on all three runtimes through their Node APIs (Bun's and Deno's node:child_process).`,
    `Sequential spawn: \`/bin/true\` with stdin, stdout and stderr ignored, awaited one at a time; tinybench, ${e.seqWarmup} warm-up spawns, then ${e.passes} passes of at least ${e.seqMs / e.passes} ms per subject; a process's figure is the median of all its spawns. Concurrent: ${CONCURRENCY} of the same at once (\`Promise.all\`), 1 warm-up batch, ${e.concBatches} batches, median batch. Capture: \`/bin/echo hello\` with stdout and stderr captured (native: \`data\` events + \`close\`, \`.text()\`, \`output()\`; libraries with their defaults), measured like sequential spawn.`,
    `stdout: \`head -c ${quick ? SIZES.stdout.quick : SIZES.stdout.full} /dev/zero\` read to the end, timed from spawn to exit after a full GC, MB = 10^6 bytes; ${e.pairRuns} timed passes after the warm-up. Fastest native reader: \`for await\` over the Readable (Node), the stream's default reader (Bun), a BYOB reader reusing one 1 MiB buffer (Deno); other reader: \`Readable.toWeb\` (Node), the default reader (Deno). Reader into one reused buffer (Node and Bun, peak memory only): the child's stdout is one end of a node:net socket pair, the other read through \`onread\`. anyproc openProcess: BYOB reader reusing one buffer where anyproc's stdout is a byte stream, else the default reader. anyproc, reuseReadBuffer (Node): the same reader on @anyproc/node's \`createAdapter({ reuseReadBuffer: true })\`, whose stdout is a byte stream. Collected (own process each): \`Buffer.concat\` of the chunks (Node), \`stdout.bytes()\` (Bun), \`output()\` (Deno); anyproc: \`runProcess(…, { encoding: "bytes", maxBuffer: Infinity })\`; the first run gives the memory figure (and warms up), ${e.streamRuns} more the throughput.`,
    `Memory: the rise of the process's peak RSS (VmHWM, reset through /proc/self/clear_refs) above its RSS just before the first streaming run, after a full GC, one subject per process; for the collected variants it includes the result itself (${size("stdout")}).`,
    `stdin: ${size("stdin")} written to \`cat\` (stdout ignored) in 1 MiB writes, each awaited (Node: \`write\` + \`drain\`; Bun: \`FileSink.write\` + \`flush\`; Deno: the writer); other writer: a \`Writable.toWeb\` writer (Node); runProcess input: one ${size("stdin")} Uint8Array, allocated once per process, as \`input\`; ${e.stdinRuns} timed passes after the warm-up.`,
    `Heap: sequential spawns of \`/bin/true\` (${e.heapSpawns} per subject) first with the process's own small heap, then after allocating ~1 GB of live heap (128 Ki arrays of 1000 doubles in ordinary heap pages, src/spawn/ballast.mjs). The spawn helper is measured when @anyproc/node exports \`startSpawnHelper\`.`,
    `Interference: each measurement reports the share of the CPUs' time that processes other than its own and its children (running, or exited and reaped) took meanwhile; one above ${MAX_FOREIGN_CPU * 100} % is repeated, at most ${MAX_RETRIES} times per bench run.`,
  ];
}

/** `values[runtime][scenario][key][metric]` as `[runtime]["scenario key"][metric]`, the shape interferenceSummary reads. */
function flatten(values) {
  const flat = {};
  for (const [runtime, scenarios] of Object.entries(values)) {
    for (const [scenario, keys] of Object.entries(scenarios)) {
      for (const [key, metrics] of Object.entries(keys)) (flat[runtime] ??= {})[`${scenario} ${key}`] = metrics;
    }
  }
  return flat;
}

/** Runs the suite `runs` times in `here` (apps/bench/); `quick` for a smoke run. */
export async function runSpawnSuite({ runs, here, command, quick }) {
  const plan = spawnVariants();
  console.log(`spawn bench${quick ? " (--quick)" : ""}: ${plan.length} measurement processes × ${runs} runs, round-robin\n`);
  const started = Date.now();
  const loadStart = load();
  const unavailable = {};
  const { values, versions, failures, retried } = await runRounds(plan, runs, here, suite(quick, unavailable));
  const results = {};
  for (const [runtime, scenarios] of Object.entries(values)) {
    for (const [scenario, keys] of Object.entries(scenarios)) {
      for (const [key, metrics] of Object.entries(keys)) {
        for (const [metric, list] of Object.entries(metrics)) {
          (((results[runtime] ??= {})[scenario] ??= {})[key] ??= {})[metric] = { ...summarize(list.value), foreignCpu: list.foreignCpu };
        }
      }
    }
  }
  const machine = describeMachine(versions);
  for (const lib of ["execa", "tinyexec", "nano-spawn"]) machine.versions[lib] = packageVersion(lib);
  const run = {
    date: new Date().toISOString(),
    command,
    quick,
    durationS: (Date.now() - started) / 1000,
    load: { start: loadStart },
    interference: interferenceSummary(flatten(values)),
    retried,
    machine,
    method: { processes: runs, notes: methodNotes(runs, quick) },
    units: { time: "µs (conc: ms)", tput: "MB/s", rss: "bytes", small: "µs", large: "µs", ratio: "× the native API, side by side" },
    results,
    unavailable,
    checks: checkBudgets(results, quick),
    failures,
  };
  console.log(`\n${terminalReport(run)}`);
  for (const failure of failures) console.error(`\nfailed: ${failure}`);
  console.log(`\n${interferenceLine(run.interference, retried.length)}`);
  if (run.interference.max > MAX_FOREIGN_CPU)
    console.warn("warning: some measurements stayed disturbed after the repeats; those figures are skewed");
  const base = quick ? "spawn-quick" : "spawn";
  writeFileSync(`${here}results/${base}.json`, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(`${here}results/${base}.md`, markdownReport(run).replace("(spawn.svg)", `(${base}.svg)`));
  writeFileSync(`${here}results/${base}.svg`, renderChart(run));
  console.log(`\nwrote results/${base}.json, .md and .svg (${run.durationS.toFixed(0)} s)`);
  return run;
}
