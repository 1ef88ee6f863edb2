// One pipeline-suite measurement in this (fresh) runtime process: the arguments are `<scenario> <round>
// [--quick]`. Every subject of the scenario runs side by side: after a warm-up pass (each subject once, at
// the --quick size), each pass runs every subject once (the order rotated by `round` and by each pass), each
// run timed from its start to the byte count, after a full GC.
import { adapter } from "anyproc/adapter";
import { watchInterference } from "../shared/interference.mjs";
import { runtimeName, runtimeVersion } from "../shared/runtime.mjs";
import { interleave, median, streamPass } from "../spawn/measure.mjs";
import { COMMANDS, PIPELINE, SCENARIOS, sizeOf } from "./scenarios.mjs";
import { OPS } from "./subjects.mjs";

/** Timed passes per process after the warm-up pass, full and `--quick`. */
export const PASSES = { full: 4, quick: 1 };

/** The arguments `measure-one.mjs pipeline` takes. */
export const USAGE = `<${Object.keys(SCENARIOS).join("|")}> <round> [--quick]`;

/** What `op` is given: the /bin/sh script, the stages, or the argv of the command read. */
function commandFor(scenario, op, bytes) {
  if (scenario.source !== "pipeline") return COMMANDS[scenario.source](bytes);
  return op === "shPipeline" ? PIPELINE.script(bytes) : PIPELINE.stages(bytes);
}

/**
 * Measures every subject of a scenario (the arguments `[scenario, round, --quick?]`) side by side: resolves
 * to the JSON the runner records, or null when the arguments name no scenario for this runtime. Per subject
 * its median MB/s ("tput") and, for all but the reference (the scenario's first entry), `ratio`: its median
 * over the reference's in this process; on the pipeline scenario also runPipeline's over the cookbook
 * recipe's (`vsCookbook`). `links` says whether this runtime's adapter passes pipes between stages.
 */
export async function measureOne(args) {
  const quick = args.includes("--quick");
  const [name, roundText = "0"] = args.filter((a) => a !== "--quick");
  const scenario = SCENARIOS[name];
  if (!scenario || (scenario.only && !scenario.only.includes(runtimeName()))) return null;
  const bytes = sizeOf(name, quick);
  const warmBytes = Math.min(bytes, sizeOf(name, true)); // the warm-up pass moves the --quick size
  const round = Number(roundText);
  const { entries } = scenario;
  const calls = entries
    .map((_, i) => entries[(i + round) % entries.length])
    .map((entry) => {
      const command = commandFor(scenario, entry.op, bytes);
      const warmCommand = commandFor(scenario, entry.op, warmBytes);
      return { entry, fn: () => OPS[entry.op](command), warm: () => OPS[entry.op](warmCommand) };
    });

  const interference = watchInterference();
  const once = (call, warmup) => (warmup ? streamPass(call.warm, warmBytes) : streamPass(call.fn, bytes));
  const { samples, failed } = await interleave(calls, quick ? PASSES.quick : PASSES.full, once);
  const foreignCpu = interference();

  const failures = [...failed].map(
    ([call, error]) =>
      `${call.entry.key}: ${String(error?.stack ?? error)
        .split("\n")
        .slice(0, 3)
        .join(" | ")}`,
  );
  const medians = new Map([...samples].map(([call, list]) => [call.entry.key, median(list)]));
  const reference = medians.get(entries[0].key);
  const figures = [];
  for (const [call, list] of samples) {
    const { key } = call.entry;
    const value = medians.get(key);
    figures.push({ key, metric: "tput", value, unit: "MB/s", samples: list.length });
    if (reference !== undefined && key !== entries[0].key)
      figures.push({ key, metric: "ratio", value: value / reference, unit: "×", samples: list.length });
  }
  if (medians.has("anyproc") && medians.has("cookbook"))
    figures.push({ key: "anyproc", metric: "vsCookbook", value: medians.get("anyproc") / medians.get("cookbook"), unit: "×", samples: 0 });
  return {
    runtime: runtimeName(),
    version: runtimeVersion(),
    scenario: name,
    round,
    quick,
    bytes,
    links: adapter.links === true,
    foreignCpu,
    figures,
    failures,
  };
}
