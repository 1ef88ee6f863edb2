// The pipeline suite's scenarios: what each measures, on which runtimes, the command its subjects read or
// run, its sizes, and its subjects (the first is the reference every other subject's ratio is taken to). Every
// scenario measures its subjects side by side in one process.
import process from "node:process";

/** `head -c <bytes> /dev/zero | cat | wc -c` as one /bin/sh script (the reference) and as stages (anyproc). */
export const PIPELINE = {
  script: (bytes) => `head -c ${bytes} /dev/zero | cat | wc -c`,
  stages: (bytes) => [["head", "-c", String(bytes), "/dev/zero"], ["cat"], ["wc", "-c"]],
};

/** The line `yes` repeats for the text scenarios: 63 ASCII characters and a newline, 64 bytes a line. */
export const LINE = "anyproc bench line: 63 ASCII characters, then the newline .....";

/** argv of the commands the Deno reading scenarios read. */
export const COMMANDS = {
  zeros: (bytes) => ["head", "-c", String(bytes), "/dev/zero"],
  // `yes` cut at a whole number of lines (the sizes are multiples of 64 bytes).
  lines: (bytes) => ["/bin/sh", "-c", `yes '${LINE}' | head -c ${bytes}`],
};

const MiB = 2 ** 20;

/**
 * Scenario name → `{ label, only, source, size: { full, quick }, entries }`: `only` lists the runtime kinds it
 * runs on (all when absent), `source` names the command (a {@link COMMANDS} key, or "pipeline"), and each
 * entry `{ key, op }` is one subject (src/pipeline/subjects.mjs), the first one the reference.
 */
export const SCENARIOS = {
  pipeline: {
    label: "head -c SIZE /dev/zero | cat | wc -c",
    source: "pipeline",
    size: { full: 1024 * MiB, quick: 64 * MiB },
    entries: [
      { key: "sh", op: "shPipeline" },
      { key: "anyproc", op: "runPipeline" },
      { key: "cookbook", op: "cookbookPipeline" },
    ],
  },
  zeros: {
    label: "anyproc openProcess stdout of head -c SIZE /dev/zero, read by",
    only: ["deno"],
    source: "zeros",
    size: { full: 1024 * MiB, quick: 64 * MiB },
    entries: [
      { key: "native", op: "byobRead" },
      { key: "native-default", op: "nativeDefaultRead" },
      { key: "default-reader", op: "defaultReader" },
      { key: "for-await", op: "forAwait" },
    ],
  },
  lines: {
    label: "anyproc openProcess stdout of yes | head -c SIZE (64-byte lines), read by",
    only: ["deno"],
    source: "lines",
    size: { full: 1024 * MiB, quick: 64 * MiB },
    entries: [
      { key: "native", op: "byobRead" },
      { key: "lines", op: "lines" },
    ],
  },
  text: {
    label: "anyproc openProcess stdout of yes | head -c SIZE (64-byte lines), read by",
    only: ["deno"],
    source: "lines",
    // One string of the whole output: V8 caps a string below 2^29 characters, so 1 GiB cannot be one.
    size: { full: 256 * MiB, quick: 32 * MiB },
    entries: [
      { key: "native", op: "byobRead" },
      { key: "text", op: "text" },
    ],
  },
};

/** The size a scenario moves in this run. */
export const sizeOf = (scenario, quick) => (quick ? SCENARIOS[scenario].size.quick : SCENARIOS[scenario].size.full);

/** The environment variable that names the scenarios a run measures (comma-separated; all when unset). */
export const SCENARIOS_VARIABLE = "PIPELINE_SCENARIOS";

/**
 * The scenarios this run measures, in {@link SCENARIOS} order: every one, or those {@link SCENARIOS_VARIABLE}
 * names (`zeros,lines,text` are the Deno readers). Read by the bench command only, never by a measurement process.
 */
export function chosenScenarios() {
  const named = process.env[SCENARIOS_VARIABLE];
  if (!named) return Object.keys(SCENARIOS);
  const list = named.split(",").map((name) => name.trim());
  const unknown = list.filter((name) => !Object.hasOwn(SCENARIOS, name));
  if (unknown.length > 0)
    throw new Error(`${SCENARIOS_VARIABLE} names no scenario ${unknown.join(", ")}: pick from ${Object.keys(SCENARIOS).join(", ")}`);
  return Object.keys(SCENARIOS).filter((name) => list.includes(name));
}
