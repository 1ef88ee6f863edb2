// One cold-start measurement: a Node process that starts fresh processes of one runtime on the subject scripts
// (subjects.mjs) itself, side by side. The arguments are `<runtime> <round> [--quick] [-- <argv prefix>]`, the
// prefix being what runs a script on that runtime (the suite passes it; without it, shared/runtimes.mjs gives
// it). After a warm-up pass (the version script, then every subject once), each pass starts every subject once
// in turn, the order rotated by `round` and by each pass; a start is timed with `performance.now()` from just
// before the spawn until the child has exited, and must exit 0.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { watchInterference } from "../shared/interference.mjs";
import { summarize } from "../shared/stats.mjs";
import { BASELINE, CALLS, IMPORTS, SUBJECTS, scriptPath, VERSION } from "./subjects.mjs";

/** Timed starts of each subject per measurement process, full and `--quick`. */
export const STARTS = { full: 15, quick: 3 };

/** The arguments `measure-one.mjs cold-start` takes. */
export const USAGE = "<runtime> <round> [--quick] [-- <argv that runs a script on the runtime>]";

/** apps/bench/: the children's cwd, so that the imports resolve from its node_modules. */
const BENCH_DIR = fileURLToPath(new URL("../..", import.meta.url));
/** A start taking longer than this is killed and fails the measurement. */
const START_TIMEOUT_MS = 60_000;

/** Starts `subject` on the runtime `prefix` runs and waits for its exit: its wall-clock ms and stdout; throws unless it exits 0. */
function start(prefix, subject) {
  const [exe, ...args] = prefix;
  const before = performance.now();
  const child = spawnSync(exe, [...args, scriptPath(subject)], {
    cwd: BENCH_DIR,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    timeout: START_TIMEOUT_MS,
  });
  const ms = performance.now() - before;
  if (child.error || child.status !== 0) {
    const why = child.error ? String(child.error.message) : child.status === null ? `killed by ${child.signal}` : `exit ${child.status}`;
    const stderr = child.stderr?.trim().split("\n").slice(0, 3).join(" | ");
    throw new Error(`${subject.script}: ${why}${stderr ? `: ${stderr}` : ""}`);
  }
  return { ms, stdout: child.stdout };
}

/**
 * Measures every subject side by side on one runtime: resolves to the JSON the runner records, or null when
 * the arguments are not valid. Figures: each subject's median wall-clock ms (`ms`); each import's and each
 * import and call's `cost`, its median minus the empty script's; for anyproc's import and its import and call
 * also `ratio`, the cost ÷ tinyexec's counterpart's. A start that fails ends the measurement with that failure
 * and no figures.
 */
export async function measureOne(args) {
  const dash = args.indexOf("--");
  const own = (dash === -1 ? args : args.slice(0, dash)).filter((a) => a !== "--quick");
  const quick = args.slice(0, dash === -1 ? args.length : dash).includes("--quick");
  const [runtime, roundText, ...rest] = own;
  if (!runtime || !/^\d+$/.test(roundText ?? "") || rest.length > 0) return null;
  let prefix = dash === -1 ? [] : args.slice(dash + 1);
  if (prefix.length === 0) {
    const { RUNTIMES_AND_NEWEST_NODE } = await import("../shared/runtimes.mjs");
    if (!RUNTIMES_AND_NEWEST_NODE[runtime]) return null;
    prefix = RUNTIMES_AND_NEWEST_NODE[runtime];
  }
  const round = Number(roundText);
  const starts = quick ? STARTS.quick : STARTS.full;

  const samples = new Map(SUBJECTS.map((subject) => [subject.key, []]));
  let version = null;
  let foreignCpu = 0;
  const failures = [];
  try {
    version = start(prefix, VERSION).stdout.trim();
    for (const subject of SUBJECTS) start(prefix, subject);
    const interference = watchInterference();
    for (let pass = 0; pass < starts; pass++) {
      for (let i = 0; i < SUBJECTS.length; i++) {
        const subject = SUBJECTS[(i + round + pass) % SUBJECTS.length];
        samples.get(subject.key).push(start(prefix, subject).ms);
      }
    }
    foreignCpu = interference();
  } catch (error) {
    failures.push(String(error?.message ?? error));
  }

  const figures = [];
  if (failures.length === 0) {
    const median = (key) => summarize(samples.get(key)).median;
    const empty = median(BASELINE.key);
    const cost = (key) => median(key) - empty;
    for (const subject of SUBJECTS) figures.push({ key: subject.key, metric: "ms", value: median(subject.key) });
    for (const group of [IMPORTS, CALLS]) {
      for (const subject of group) figures.push({ key: subject.key, metric: "cost", value: cost(subject.key) });
      const [anyproc, reference] = group;
      figures.push({ key: anyproc.key, metric: "ratio", value: cost(anyproc.key) / cost(reference.key) });
    }
  }
  return { runtime, version, round, quick, starts, foreignCpu, figures, failures };
}
