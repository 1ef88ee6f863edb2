// The toProcess suite's tables: round trip and throughput side by side per runtime, and the target checks,
// for the terminal and as the body of results/to-process.md.
import { markdownTable, terminalTable } from "../shared/report.mjs";
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

const verdict = (c) => `${c.runtime}: ${c.target}: ${times(c.value)} ${c.met ? "met" : "MISSED"}`;

/** The tables and target lines for the terminal. */
export function terminalReport(run) {
  return [
    "warm round trip of echo(1), 1-worker pool (µs, median [min..max])",
    terminalTable(roundTripTable(run.results)),
    "",
    `throughput, ${run.method.batch} echo(1) calls in flight, full pool (calls/s, median [min..max])`,
    terminalTable(throughputTable(run.results, run.machine.nproc)),
    "",
    "targets (anyproc against the raw channel and tinypool):",
    ...run.checks.map((c) => `  ${verdict(c)}`),
  ].join("\n");
}

/** The markdown lines between the run's header and its method: the two tables and the target checks. */
export function markdownBody(run) {
  return [
    "## Warm round trip of `echo(1)` (µs)",
    "",
    markdownTable(roundTripTable(run.results)),
    "",
    `## Throughput, ${run.method.batch} calls in flight (calls/s)`,
    "",
    markdownTable(throughputTable(run.results, run.machine.nproc)),
    "",
    "## Targets",
    "",
    "| runtime | target | value | met |",
    "| --- | --- | ---: | --- |",
    ...run.checks.map((c) => `| ${c.runtime} | ${c.target} | ${times(c.value)} | ${c.met ? "yes" : "**no**"} |`),
    "",
  ];
}
