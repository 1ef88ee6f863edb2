// One spawn-suite measurement in this (fresh) runtime process: the arguments are `<scenario> <entry|all>
// <round> [--quick]` (scenarios and entries in scenarios.mjs; `all` measures every entry of a grouped scenario
// in one process, side by side in interleaved passes, the order rotated by `round` and by each pass).
import { watchInterference } from "../shared/interference.mjs";
import { runtimeName, runtimeVersion } from "../shared/runtime.mjs";
import { allocateBallast } from "./ballast.mjs";
import {
  concurrentBatch,
  EFFORT,
  interleave,
  median,
  sequential,
  sequentialCall,
  sequentialPass,
  streamed,
  streamPass,
} from "./measure.mjs";
import { COMMANDS, SCENARIOS, SIZES } from "./scenarios.mjs";
import { SUBJECTS } from "./subjects.mjs";

/** The arguments `measure-one.mjs spawn` takes. */
export const USAGE = `<${Object.keys(SCENARIOS).join("|")}> <entry|all> <round> [--quick]`;

/** Passes per grouped scenario, and the unit of its figures. */
const passesOf = (effort) => ({
  seq: effort.passes,
  capture: effort.passes,
  conc: effort.concBatches,
  read: effort.pairRuns,
  stdin: effort.stdinRuns,
});
const UNITS = { seq: "µs", capture: "µs", conc: "ms", read: "MB/s", stdin: "MB/s" };

/**
 * Measures the chosen entries of a scenario (the arguments `[scenario, entry|all, round, --quick?]`): resolves
 * to the JSON the runner records (figures, subjects that could not run here and why, failures), or null
 * when the arguments name no scenario or entry.
 */
export async function measureOne(args) {
  const quick = args.includes("--quick");
  const [name, which, roundText = "0"] = args.filter((a) => a !== "--quick");
  const scenario = SCENARIOS[name];
  const chosen = scenario && (which === "all" ? scenario.entries : scenario.entries.filter((e) => e.key === which));
  if (!scenario || !chosen?.length) return null;
  const effort = quick ? EFFORT.quick : EFFORT.full;
  const size = (kind) => (quick ? SIZES[kind].quick : SIZES[kind].full);
  const round = Number(roundText);
  const entries = chosen.map((_, i) => chosen[(i + round) % chosen.length]); // rotate: no subject always goes first

  const figures = [];
  const unavailable = [];
  const loaded = [];
  for (const entry of entries) {
    try {
      const subject = await SUBJECTS[entry.subject]();
      if (typeof subject.ops[entry.op] === "function") loaded.push({ entry, subject });
      else unavailable.push({ key: entry.key, why: `no ${entry.op} operation on ${runtimeName()}` });
    } catch (error) {
      unavailable.push({ key: entry.key, why: String(error?.message ?? error).split("\n")[0] });
    }
  }

  const failures = [];
  const failed = (key, error, metric) =>
    failures.push(
      `${key}${metric ? ` ${metric}` : ""}: ${String(error?.stack ?? error)
        .split("\n")
        .slice(0, 3)
        .join(" | ")}`,
    );

  /** The call one pass of a grouped scenario makes for `entry` with `ops` (bound once, so buffers are reused). */
  function callOf(entry, ops) {
    if (name === "read") return () => ops.read(COMMANDS.zeros(size("stdout")));
    if (name === "stdin") {
      const bytes = size("stdin");
      if (entry.op === "input") {
        const whole = new Uint8Array(bytes).fill(120);
        return () => ops.input(COMMANDS.sink, whole);
      }
      const chunk = new Uint8Array(1024 * 1024).fill(120);
      return () => ops.write(COMMANDS.sink, chunk, bytes / chunk.byteLength);
    }
    return sequentialCall(ops, entry.op);
  }

  /** One pass of a grouped scenario for one entry: its samples. */
  function passOf(call) {
    if (name === "conc") return (warmup) => (warmup ? concurrentBatch(call.ops).then(() => []) : concurrentBatch(call.ops));
    if (name === "read") return () => streamPass(call.fn, size("stdout"));
    if (name === "stdin") return () => streamPass(call.fn, size("stdin"));
    return (warmup) => sequentialPass(call.fn, effort, warmup);
  }

  /**
   * A grouped scenario: every entry side by side in interleaved passes; per entry its median ("time" or
   * "tput") and, for all but the native API, `ratio`, its median divided by the native API's in this process.
   */
  async function measureGrouped() {
    // Every loaded subject has the entry's operation (checked when loading).
    const calls = loaded.map(({ entry, subject }) => ({ entry, ops: subject.ops, fn: callOf(entry, subject.ops) }));
    const { samples, failed: errors } = await interleave(calls, passesOf(effort)[name], (call, warmup) => passOf(call)(warmup));
    for (const [call, error] of errors) failed(call.entry.key, error);
    const metric = scenario.better === "higher" ? "tput" : "time";
    const medians = new Map([...samples].map(([call, list]) => [call.entry.key, median(list)]));
    const base = medians.get("native");
    for (const [call, list] of samples) {
      const value = medians.get(call.entry.key);
      figures.push({ key: call.entry.key, metric, value, unit: UNITS[name], samples: list.length });
      if (base !== undefined && call.entry.key !== "native")
        figures.push({ key: call.entry.key, metric: "ratio", value: value / base, unit: "×", samples: list.length });
    }
  }

  /** Measures one entry on its own (streaming memory, or spawns at a small or large heap); pushes its figures. */
  async function measureAlone({ entry, subject }, metric) {
    const { ops } = subject;
    const push = (m, value, unit, samples) => figures.push({ key: entry.key, metric: m, value, unit, samples });
    if (name === "heap") {
      const r = await sequential(ops, effort.heapSpawns);
      push(metric, r.value, "µs", r.samples);
    } else if (name === "stdout") {
      const bytes = size("stdout");
      const r = await streamed(() => ops[entry.op](COMMANDS.zeros(bytes)), bytes, effort);
      push("tput", r.value, "MB/s", r.samples);
      push("rss", r.rss, "B", r.samples);
    }
  }

  const interference = watchInterference();
  const run = async (metric) => {
    for (const item of loaded) {
      try {
        await measureAlone(item, metric);
      } catch (error) {
        failed(item.entry.key, error, metric);
      }
    }
  };
  let ballast = 0;
  if (name === "heap") {
    await run("small");
    ballast = allocateBallast();
    await run("large");
  } else if (scenario.grouped) await measureGrouped();
  else await run();
  const foreignCpu = interference();
  await Promise.all(loaded.map(({ subject }) => subject.close?.()));
  return {
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
  };
}
