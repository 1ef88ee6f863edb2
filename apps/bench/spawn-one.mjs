// One spawn-suite measurement in one fresh runtime process:
//   <runtime> spawn-one.mjs <scenario> <entry|all> <round> [--quick]
// (scenarios and entries in src/spawn/scenarios.mjs; `all` measures every entry of a grouped scenario in
// one process, in an order rotated by `round`). Prints one JSON line with the figures.
import process from "node:process";
import { watchInterference } from "./src/interference.mjs";
import { runtimeName, runtimeVersion } from "./src/runtime.mjs";
import { allocateBallast } from "./src/spawn/ballast.mjs";
import { concurrent, EFFORT, sequential, streamed } from "./src/spawn/measure.mjs";
import { COMMANDS, SCENARIOS, SIZES } from "./src/spawn/scenarios.mjs";
import { SUBJECTS } from "./src/spawn/subjects.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const [name, which, roundText = "0"] = args.filter((a) => a !== "--quick");
const scenario = SCENARIOS[name];
const chosen = scenario && (which === "all" ? scenario.entries : scenario.entries.filter((e) => e.key === which));
if (!scenario || !chosen?.length) {
  console.error(`usage: spawn-one.mjs <${Object.keys(SCENARIOS).join("|")}> <entry|all> <round> [--quick]`);
  process.exit(2);
}
const effort = quick ? EFFORT.quick : EFFORT.full;
const size = (kind) => (quick ? SIZES[kind].quick : SIZES[kind].full);
const round = Number(roundText);
const entries = chosen.map((_, i) => chosen[(i + round) % chosen.length]); // rotate: no subject always goes first

const figures = [];
const unavailable = [];
const loaded = [];
for (const entry of entries) {
  try {
    loaded.push({ entry, subject: await SUBJECTS[entry.subject]() });
  } catch (error) {
    unavailable.push({ key: entry.key, why: String(error?.message ?? error).split("\n")[0] });
  }
}

/** Measures one entry; pushes its figures. */
async function measure({ entry, subject }, metric) {
  const { ops } = subject;
  if (typeof ops[entry.op] !== "function") throw new Error(`${entry.subject} has no ${entry.op} operation`);
  const push = (m, value, unit, samples) => figures.push({ key: entry.key, metric: m, value, unit, samples });
  if (name === "seq" || name === "capture") {
    const r = await sequential(ops, entry.op, effort);
    push("time", r.value, "µs", r.samples);
  } else if (name === "conc") {
    const r = await concurrent(ops, effort);
    push("time", r.value, "ms", r.samples);
  } else if (name === "heap") {
    const r = await sequential(ops, "spawn", effort, effort.heapSpawns);
    push(metric, r.value, "µs", r.samples);
  } else if (name === "stdout") {
    const bytes = size("stdout");
    const r = await streamed(() => ops[entry.op](COMMANDS.zeros(bytes)), bytes, effort);
    push("tput", r.value, "MB/s", r.samples);
    push("rss", r.rss, "B", r.samples);
  } else if (name === "stdin") {
    const bytes = size("stdin");
    const chunk = new Uint8Array(1024 * 1024).fill(120);
    const whole = entry.op === "input" ? new Uint8Array(bytes).fill(120) : null;
    const fn = whole ? () => ops.input(COMMANDS.sink, whole) : () => ops.write(COMMANDS.sink, chunk, bytes / chunk.byteLength);
    const r = await streamed(fn, bytes, effort);
    push("tput", r.value, "MB/s", r.samples);
    push("rss", r.rss, "B", r.samples);
  }
}

const interference = watchInterference();
const failures = [];
const run = async (metric) => {
  for (const item of loaded) {
    try {
      await measure(item, metric);
    } catch (error) {
      failures.push(
        `${item.entry.key}${metric ? ` ${metric}` : ""}: ${String(error?.stack ?? error)
          .split("\n")
          .slice(0, 3)
          .join(" | ")}`,
      );
    }
  }
};
let ballast = 0;
if (name === "heap") {
  await run("small");
  ballast = allocateBallast();
  await run("large");
} else await run();
const foreignCpu = interference();
await Promise.all(loaded.map(({ subject }) => subject.close?.()));
console.log(
  JSON.stringify({
    runtime: runtimeName(),
    version: runtimeVersion(),
    scenario: name,
    round,
    quick,
    foreignCpu,
    ballast,
    figures,
    unavailable,
    failures,
  }),
);
process.exit(0);
