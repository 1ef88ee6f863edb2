// The spawn suite's budgets (anyproc's spawn cost and stream throughput against the native API, its peak
// memory while streaming, and spawn cost at a large heap), checked per runtime against the medians of one run
// (for figures measured side by side, the median of the ratios each process measured). Each check is
// `{ runtime, target, value, limit, met, budget }`; `budget: false` marks a figure reported for comparison
// only, which has no budget and never fails the bench.
import { kindOf } from "../shared/runtimes.mjs";
import { SIZES } from "./scenarios.mjs";

/** anyproc's spawn may cost at most this many times the native API's. */
export const MAX_SPAWN_RATIO = 1.1;
/** anyproc must move at least this share of the fastest native reader's (or writer's) throughput. */
export const MIN_TPUT_RATIO = 0.95;
/** Streaming 1 GiB may raise the peak RSS by less than this. */
export const MAX_STREAM_RSS = 32 * 1024 * 1024;
/** runProcess bytes mode may hold at most this many copies of its output at peak ("about one copy"). */
export const MAX_COPIES = 1.25;
/** Spawn with ~1 GB of heap may cost at most this many times the small-heap spawn. */
export const MAX_HEAP_RATIO = 2;

const LIBS = ["execa", "tinyexec", "nano-spawn"];

/** `results[runtime][scenario][key][metric]` holds summaries (`median`…); `quick` sizes the streams. */
export function checkBudgets(results, quick) {
  const checks = [];
  const add = (runtime, target, value, limit, met, budget = true) => checks.push({ runtime, target, value, limit, met, budget });
  const size = (kind) => (quick ? SIZES[kind].quick : SIZES[kind].full);
  for (const [runtime, r] of Object.entries(results)) {
    const m = (scenario, key, metric) => r[scenario]?.[key]?.[metric]?.median;
    /** `key`'s figure over the native API's: the median of the ratios each process measured side by side, if it did. */
    const ratio = (scenario, key, metric, base = "native") => {
      const paired = base === "native" ? m(scenario, key, "ratio") : undefined;
      return paired ?? m(scenario, key, metric) / m(scenario, base, metric);
    };
    const has = (scenario, key, metric) => m(scenario, key, metric) !== undefined;
    for (const [scenario, what, budget] of [
      ["seq", "sequential spawn", true],
      ["conc", "200 concurrent spawns", true],
      ["capture", "capture /bin/echo", false],
    ]) {
      if (!has(scenario, "anyproc", "time") || !has(scenario, "native", "time")) continue;
      const any = ratio(scenario, "anyproc", "time");
      add(runtime, `${what}: anyproc ≤ ${MAX_SPAWN_RATIO}× native`, any, MAX_SPAWN_RATIO, any <= MAX_SPAWN_RATIO, budget);
      for (const lib of LIBS) {
        if (!has(scenario, lib, "time")) continue;
        const other = ratio(scenario, lib, "time");
        add(runtime, `${what}: anyproc faster than ${lib}`, any / other, 1, any < other, budget);
      }
    }
    if (has("capture", "anyproc-reuse-read-buffer", "time")) {
      const reuse = ratio("capture", "anyproc-reuse-read-buffer", "time");
      add(runtime, "capture /bin/echo with reuseReadBuffer vs native", reuse, MAX_SPAWN_RATIO, reuse <= MAX_SPAWN_RATIO, false);
    }
    // Streaming is held to the fastest native reader, side by side. Bytes mode keeps every byte, so it is held
    // to the native way of collecting the output (the same work) and to one copy below; its ratio to a reader
    // that throws the bytes away (page faults on 1 GiB of fresh memory included) is reported, not budgeted.
    if (has("read", "anyproc", "tput") && has("read", "native", "tput")) {
      const stream = ratio("read", "anyproc", "tput");
      add(runtime, `openProcess stdout ≥ ${MIN_TPUT_RATIO}× fastest native reader`, stream, MIN_TPUT_RATIO, stream >= MIN_TPUT_RATIO);
    }
    if (has("stdout", "anyproc-bytes", "tput") && has("stdout", "native-bytes", "tput")) {
      const bytes = ratio("stdout", "anyproc-bytes", "tput", "native-bytes");
      add(
        runtime,
        `runProcess({ encoding: "bytes" }) ≥ ${MIN_TPUT_RATIO}× native collecting`,
        bytes,
        MIN_TPUT_RATIO,
        bytes >= MIN_TPUT_RATIO,
      );
    }
    if (has("stdout", "anyproc-bytes", "tput") && has("read", "native", "tput")) {
      const bytes = m("stdout", "anyproc-bytes", "tput") / m("read", "native", "tput");
      add(runtime, 'runProcess({ encoding: "bytes" }) vs fastest native reader', bytes, MIN_TPUT_RATIO, bytes >= MIN_TPUT_RATIO, false);
    }
    if (has("stdin", "anyproc", "tput") && has("stdin", "native", "tput")) {
      const write = ratio("stdin", "anyproc", "tput");
      add(runtime, `openProcess stdin ≥ ${MIN_TPUT_RATIO}× native writer`, write, MIN_TPUT_RATIO, write >= MIN_TPUT_RATIO);
    }
    if (has("stdin", "anyproc-input", "tput") && has("stdin", "native", "tput")) {
      const input = ratio("stdin", "anyproc-input", "tput");
      add(runtime, `runProcess({ input }) vs native writer`, input, MIN_TPUT_RATIO, input >= MIN_TPUT_RATIO, false);
    }
    // On Node the memory budget is met by the opt-in adapter that reads into one reused buffer (as the heap
    // budget is by the opt-in spawn helper): child_process's pipes allocate a buffer per read, so the default
    // adapter holds what Node's own reader holds, and is reported.
    const reuse = m("stdout", "anyproc-reuse-read-buffer", "rss");
    const held = m("stdout", "anyproc", "rss");
    const limit = MAX_STREAM_RSS / 2 ** 20;
    if (held !== undefined)
      add(
        runtime,
        `streaming 1 GiB through openProcess raises peak RSS < ${limit} MiB`,
        held / 2 ** 20,
        limit,
        held < MAX_STREAM_RSS,
        reuse === undefined,
      );
    if (reuse !== undefined)
      add(runtime, `streaming 1 GiB with reuseReadBuffer raises peak RSS < ${limit} MiB`, reuse / 2 ** 20, limit, reuse < MAX_STREAM_RSS);
    if (has("read", "anyproc-reuse-read-buffer", "tput") && has("read", "native", "tput")) {
      const stream = ratio("read", "anyproc-reuse-read-buffer", "tput");
      add(
        runtime,
        `openProcess stdout with reuseReadBuffer vs fastest native reader`,
        stream,
        MIN_TPUT_RATIO,
        stream >= MIN_TPUT_RATIO,
        false,
      );
    }
    const copies = m("stdout", "anyproc-bytes", "rss");
    if (copies !== undefined)
      add(
        runtime,
        `runProcess bytes mode holds ≤ ${MAX_COPIES} copies of its output`,
        copies / size("stdout"),
        MAX_COPIES,
        copies / size("stdout") <= MAX_COPIES,
      );
    heapChecks(runtime, m, add);
  }
  return checks;
}

/**
 * Node: the spawn helper at ~1 GB of heap within 2× child_process at a small heap (missed when the helper is
 * not available); every runtime: anyproc's default stays within 2× of its own small-heap cost (reported on
 * Node, where child_process's fork is the known cost, and a budget on Bun and Deno, which should be flat).
 */
function heapChecks(runtime, m, add) {
  const small = m("heap", "native", "small");
  if (small === undefined) return;
  const any = m("heap", "anyproc", "large") / m("heap", "anyproc", "small");
  if (!Number.isNaN(any))
    add(
      runtime,
      `anyproc spawn at 1 GB heap ≤ ${MAX_HEAP_RATIO}× its small-heap cost`,
      any,
      MAX_HEAP_RATIO,
      any <= MAX_HEAP_RATIO,
      kindOf(runtime) !== "node",
    );
  if (kindOf(runtime) !== "node") return;
  const helper = m("heap", "helper", "large");
  const ratio = helper === undefined ? Number.NaN : helper / small;
  add(
    runtime,
    `spawn helper at 1 GB heap ≤ ${MAX_HEAP_RATIO}× child_process at a small heap`,
    ratio,
    MAX_HEAP_RATIO,
    ratio <= MAX_HEAP_RATIO,
  );
}
