// The cold-start suite's table (every runtime side by side, each cell the median [min..max] over the
// measurement processes: the imports, then the imports with one call, reported only) and budget checks, for the
// terminal and as the body of results/cold-start.md.
import { markdownTable, terminalTable } from "../shared/report.mjs";
import { BASELINE, CALLS, IMPORTS } from "./subjects.mjs";

const ms = (v) => v.toFixed(1);
const times = (v) => `${v.toFixed(2)}×`;
const plain = (v) => v.toFixed(2);
/** "median [min..max]" of a summary (a ratio's × after the median only), or "—". */
const cell = (s, format) => {
  if (!s) return "—";
  const bounds = format === times ? plain : format;
  return `${format(s.median)} [${bounds(s.min)}..${bounds(s.max)}]`;
};

const [ANYPROC, REFERENCE] = IMPORTS;
const [ANYPROC_CALL] = CALLS;
/** Rows: `[key, metric, label, format]`. */
const ROWS = [
  [BASELINE.key, "ms", `${BASELINE.label}: wall-clock ms (the baseline)`, ms],
  ...IMPORTS.map((s) => [s.key, "cost", `${s.label}: cost ms`, ms]),
  [ANYPROC.key, "ratio", `${ANYPROC.label} ÷ ${REFERENCE.label} (cost)`, times],
  ...CALLS.map((s) => [s.key, "cost", `${s.label}: cost ms`, ms]),
  [ANYPROC_CALL.key, "ratio", `${ANYPROC.key} ÷ ${REFERENCE.key}, import and one call, per process`, times],
];

/** The table: one column per runtime. */
function coldStartTable(run) {
  const runtimes = Object.keys(run.results);
  const header = ["fresh process running only…", ...runtimes];
  return [
    header,
    ...ROWS.map(([key, metric, label, format]) => [label, ...runtimes.map((r) => cell(run.results[r][key]?.[metric], format))]),
  ];
}

const verdict = (c) =>
  `${c.runtime}: ${c.target}: ${cell(c.anyproc, ms)} ms vs ${cell(c.tinyexec, ms)} ms, ratio ${cell(c.ratio, times)}: ${c.met ? "met" : "MISSED"}`;

/** The table and budget lines for the terminal. */
export function terminalReport(run) {
  return [
    `cold-start suite: median [min..max] over ${run.method.processes} processes, each starting every script ${run.method.starts} times side by side; cost = a script's median minus the empty script's`,
    terminalTable(coldStartTable(run)),
    "",
    "budgets (medians of the costs):",
    ...run.checks.map((c) => `  ${verdict(c)}`),
  ].join("\n");
}

/** The markdown lines between the run's header and its method: the table and the budget checks. */
export function markdownBody(run) {
  return [
    "## Cost of importing a package, and of running one process with it, in a fresh process (ms)",
    "",
    markdownTable(coldStartTable(run), 1),
    "",
    "## Budgets",
    "",
    `| runtime | budget | ${ANYPROC.label} cost ms | ${REFERENCE.label} cost ms | ratio | met |`,
    "| --- | --- | ---: | ---: | ---: | --- |",
    ...run.checks.map(
      (c) =>
        `| ${c.runtime} | ${c.target} | ${cell(c.anyproc, ms)} | ${cell(c.tinyexec, ms)} | ${cell(c.ratio, times)} | ${c.met ? "yes" : "**no**"} |`,
    ),
    "",
  ];
}
