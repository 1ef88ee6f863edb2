// Renders a run's results as two side-by-side tables, round trip and throughput, for the terminal and as
// markdown, plus the target checks.
import { METRICS, ROUND_TRIPS } from "./metrics.mjs";

const us = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const perSecond = (v) => (v >= 10_000 ? `${(v / 1000).toFixed(1)}k` : v.toFixed(0));
const times = (v) => `${v.toFixed(2)}×`;

/** "median [min..max]" of a summary, or "—". */
const cell = (summary, format) => (summary ? `${format(summary.median)} [${format(summary.min)}..${format(summary.max)}]` : "—");
/** The ratio of two summaries' medians, or "—". */
const ratio = (a, b) => (a && b ? times(a.median / b.median) : "—");

/** Round trips: one row per runtime and CPU placement. */
function roundTripTable(results) {
  const header = ["runtime", "placement", "anyproc µs", "raw channel µs", "anyproc/raw", "tinypool µs"];
  const body = [];
  for (const [runtime, r] of Object.entries(results)) {
    for (const metric of ROUND_TRIPS) {
      body.push([
        runtime,
        METRICS[metric].label,
        cell(r.anyproc?.[metric], us),
        cell(r.raw?.[metric], us),
        ratio(r.anyproc?.[metric], r.raw?.[metric]),
        cell(r.tinypool?.[metric], us),
      ]);
    }
  }
  return [header, ...body];
}

/** Throughput: one row per runtime. */
function throughputTable(results, nproc) {
  const header = ["runtime", "workers", "anyproc calls/s", "raw channel calls/s", "anyproc/raw", "tinypool calls/s", "anyproc/tinypool"];
  const body = Object.entries(results).map(([runtime, r]) => [
    runtime,
    String(nproc),
    cell(r.anyproc?.tput, perSecond),
    cell(r.raw?.tput, perSecond),
    ratio(r.anyproc?.tput, r.raw?.tput),
    cell(r.tinypool?.tput, perSecond),
    ratio(r.anyproc?.tput, r.tinypool?.tput),
  ]);
  return [header, ...body];
}

const percent = (share) => `${(share * 100).toFixed(1)} %`;

/** One sentence on how much other processes disturbed the run. */
export function interferenceLine(summary, retries) {
  const worst = summary.worst ? ` (${summary.worst})` : "";
  const again = retries ? `; ${retries} disturbed measurement(s) were repeated` : "";
  return `other processes took ${percent(summary.median)} of the CPUs during a median measurement, at most ${percent(summary.max)}${worst}${again}`;
}

const verdict = (c) => `${c.runtime}: ${c.target}: ${times(c.value)} ${c.met ? "met" : "MISSED"}`;

export function terminalTable(table) {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const lines = table.map((row) =>
    row
      .map((text, i) => text.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return lines.map((l) => `  ${l}`).join("\n");
}

/** A markdown table whose first `labels` columns are left-aligned and the rest right-aligned. */
export function markdownTable(table, labels = 2) {
  const line = (row) => `| ${row.join(" | ")} |`;
  return [line(table[0]), line(table[0].map((_, i) => (i < labels ? "---" : "---:"))), ...table.slice(1).map(line)].join("\n");
}

/** The tables and target lines for the terminal. */
export function terminalReport(run) {
  return [
    "warm round trip of echo(1), 1-worker pool (µs, median [min..max])",
    terminalTable(roundTripTable(run.results)),
    "",
    `throughput, ${run.method.batch} echo(1) calls in flight, full pool (calls/s, median [min..max])`,
    terminalTable(throughputTable(run.results, run.machine.nproc)),
    "",
    "targets (issue 3):",
    ...run.checks.map((c) => `  ${verdict(c)}`),
  ].join("\n");
}

/** The whole report as commit-friendly markdown. */
export function markdownReport(run) {
  const { machine } = run;
  const versions = Object.entries(machine.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const git = machine.git.commit
    ? `${machine.git.commit}${machine.git.packagesDirty ? " with uncommitted changes in packages/" : ""}`
    : "unknown";
  return [
    "# toProcess benchmark",
    "",
    `Measured ${run.date} with \`${run.command}\` in ${run.durationS.toFixed(0)} s.`,
    "",
    `- Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}, ${machine.kernel}; 1-minute load average ${run.load.start} at the start.`,
    `- Versions: ${versions}.`,
    `- Commit: ${git}.`,
    `- Interference: ${interferenceLine(run.interference, run.retried.length)}.`,
    "",
    "## Warm round trip of `echo(1)` (µs)",
    "",
    markdownTable(roundTripTable(run.results)),
    "",
    `## Throughput, ${run.method.batch} calls in flight (calls/s)`,
    "",
    markdownTable(throughputTable(run.results, machine.nproc)),
    "",
    "## Targets (issue 3)",
    "",
    "| runtime | target | value | met |",
    "| --- | --- | ---: | --- |",
    ...run.checks.map((c) => `| ${c.runtime} | ${c.target} | ${times(c.value)} | ${c.met ? "yes" : "**no**"} |`),
    "",
    "## Method",
    "",
    ...run.method.notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
}
