// The spawn suite's tables: one with the runtimes side by side (each cell the median [min..max] and
// its ratio to the native API measured in the same run), the subjects that could not run, and the budget
// checks, for the terminal and as the body of results/spawn.md.
import { markdownTable, terminalTable } from "../shared/report.mjs";
import { kindOf } from "../shared/runtimes.mjs";
import { CONCURRENCY } from "./scenarios.mjs";

const NATIVE = { node: "child_process", bun: "Bun.spawn", deno: "Deno.Command" };

/** The native API anyproc is measured against on `runtime` (a bench runtime name, such as "node26"). */
export const nativeApi = (runtime) => NATIVE[kindOf(runtime)];

const MiB = 2 ** 20;
const num = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const mib = (v) => num(v / MiB);

/**
 * Table rows: `[scenario, metric, key, label, format, ratio]`; ratio is to the figure of that key in the same
 * scenario ("native", "native-bytes"), or "small" (large/small heap). Where the processes measured the ratio
 * side by side (the `ratio` metric of a grouped scenario), the cell shows the median of those.
 */
const ROWS = [
  ...["native", "anyproc", "helper", "execa", "tinyexec", "nano-spawn"].map((k) => [
    "seq",
    "time",
    k,
    `sequential spawn µs: ${k}`,
    num,
    "native",
  ]),
  ...["native", "anyproc", "helper", "execa", "tinyexec", "nano-spawn"].map((k) => [
    "conc",
    "time",
    k,
    `${CONCURRENCY} concurrent spawns ms: ${k}`,
    num,
    "native",
  ]),
  ...["native", "anyproc", "anyproc-reuse-read-buffer", "execa", "tinyexec", "nano-spawn"].map((k) => [
    "capture",
    "time",
    k,
    `run /bin/echo capturing µs: ${k}`,
    num,
    "native",
  ]),
  ["read", "tput", "native", "1 GiB stdout MB/s: native, fastest reader", num, "native"],
  ["read", "tput", "native-alt", "1 GiB stdout MB/s: native, other reader", num, "native"],
  ["read", "tput", "anyproc", "1 GiB stdout MB/s: anyproc openProcess", num, "native"],
  ["read", "tput", "anyproc-reuse-read-buffer", "1 GiB stdout MB/s: anyproc, reuseReadBuffer", num, "native"],
  ["stdout", "tput", "native-bytes", "1 GiB stdout MB/s: native, collected", num, "native-bytes"],
  ["stdout", "tput", "anyproc-bytes", '1 GiB stdout MB/s: runProcess "bytes"', num, "native-bytes"],
  ["stdout", "rss", "native", "peak RSS rise MiB: native, fastest reader", mib, null],
  ["stdout", "rss", "native-reuse", "peak RSS rise MiB: native, node:net onread into one buffer", mib, null],
  ["stdout", "rss", "anyproc", "peak RSS rise MiB: anyproc openProcess", mib, null],
  ["stdout", "rss", "anyproc-reuse-read-buffer", "peak RSS rise MiB: anyproc, reuseReadBuffer", mib, null],
  ["stdout", "rss", "native-bytes", "peak RSS rise MiB: native, collected", mib, null],
  ["stdout", "rss", "anyproc-bytes", 'peak RSS rise MiB: runProcess "bytes"', mib, null],
  ["stdin", "tput", "native", "256 MiB stdin MB/s: native", num, "native"],
  ["stdin", "tput", "native-alt", "256 MiB stdin MB/s: native, other writer", num, "native"],
  ["stdin", "tput", "anyproc", "256 MiB stdin MB/s: anyproc openProcess", num, "native"],
  ["stdin", "tput", "anyproc-input", "256 MiB stdin MB/s: runProcess input", num, "native"],
  ...["native", "anyproc", "helper"].flatMap((k) => [
    ["heap", "small", k, `spawn µs, small heap: ${k}`, num, null],
    ["heap", "large", k, `spawn µs, ~1 GB heap: ${k}`, num, "small"],
  ]),
];

/** The side-by-side table: a header and one row per figure measured on at least one runtime. */
export function figuresTable(run) {
  const runtimes = Object.keys(run.results);
  const header = ["figure", ...runtimes.map((r) => `${r} (${nativeApi(r)})`)];
  const body = [];
  for (const [scenario, metric, key, label, format, ratioTo] of ROWS) {
    const cells = runtimes.map((runtime) => {
      const s = run.results[runtime]?.[scenario]?.[key]?.[metric];
      if (!s) return run.unavailable[runtime]?.[scenario]?.[key] ? "n/a" : null;
      const paired = ratioTo === "native" ? run.results[runtime][scenario][key].ratio : null;
      const base =
        ratioTo === "small"
          ? run.results[runtime][scenario][key].small
          : ratioTo
            ? run.results[runtime][scenario][ratioTo]?.[metric]
            : null;
      const value = paired ? paired.median : base && key !== ratioTo ? s.median / base.median : null;
      const ratio = value === null ? "" : ` (${value.toFixed(2)}×)`;
      return `${format(s.median)} [${format(s.min)}..${format(s.max)}]${ratio}`;
    });
    if (cells.some((c) => c !== null && c !== "n/a")) body.push([label, ...cells.map((c) => c ?? "—")]);
  }
  return [header, ...body];
}

const verdict = (c) =>
  `${c.runtime}: ${c.target}: ${Number.isNaN(c.value) ? "not measured" : `${c.value.toFixed(2)}${c.target.includes("MiB") ? " MiB" : "×"}`} ${c.met ? "met" : c.budget ? "MISSED" : "not met (no budget)"}`;

/** Why a subject did not run, one line per runtime/scenario/subject. */
function unavailableLines(run) {
  const lines = [];
  for (const [runtime, scenarios] of Object.entries(run.unavailable)) {
    const seen = new Set();
    for (const subjects of Object.values(scenarios)) {
      for (const [key, why] of Object.entries(subjects)) {
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(`${runtime}: ${key}: ${why}`);
      }
    }
  }
  return lines;
}

/** The table, unavailable subjects and budget lines for the terminal. */
export function terminalReport(run) {
  const na = unavailableLines(run);
  return [
    `spawn suite: median [min..max] over ${run.method.processes} processes, (ratio to the native API in the same run)`,
    terminalTable(figuresTable(run)),
    ...(na.length ? ["", "n/a:", ...na.map((l) => `  ${l}`)] : []),
    "",
    "budgets (anyproc against the native API):",
    ...run.checks.map((c) => `  ${verdict(c)}`),
  ].join("\n");
}

/**
 * The markdown lines between the run's header and its method (results/spawn.md; docs/performance.md embeds the
 * same pieces): the chart `<base>.svg`, the table, what was not measured, and the budget checks.
 */
export function markdownBody(run, base) {
  const na = unavailableLines(run);
  return [
    `![anyproc and the libraries against each runtime's native API](${base}.svg)`,
    "",
    markdownTable(figuresTable(run), 1),
    "",
    ...(na.length ? ["Not measured:", "", ...na.map((l) => `- ${l}`), ""] : []),
    "## Budgets",
    "",
    "| runtime | budget | value | met |",
    "| --- | --- | ---: | --- |",
    ...run.checks.map(
      (c) =>
        `| ${c.runtime} | ${c.target} | ${Number.isNaN(c.value) ? "not measured" : c.value.toFixed(2)} | ${c.met ? "yes" : c.budget ? "**no**" : "no (reported only)"} |`,
    ),
    "",
  ];
}
