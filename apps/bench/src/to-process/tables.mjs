// The toProcess suite's tables: round trip and throughput side by side per runtime, what a worker-starting
// call costs at a small and a ~1 GB heap (Node), and the target checks, for the terminal and as the body of
// results/to-process.md.
import { markdownTable, terminalTable } from "../shared/report.mjs";
import { METRICS, ROUND_TRIPS, WORKER_STARTS } from "./metrics.mjs";

const us = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ms = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
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

/** Worker starts: one row per Node runtime and way of starting workers (ms, and the ratios measured per process). */
function workerStartTable(results) {
  const header = [
    "runtime",
    "workers started by",
    "first call, small heap",
    "first call, ~1 GB heap",
    "ratio",
    "after a replaced worker, small heap",
    "after a replaced worker, ~1 GB heap",
    "ratio",
    "caller RSS",
  ];
  const body = [];
  for (const [runtime, r] of Object.entries(results)) {
    for (const metric of WORKER_STARTS) {
      const f = r.anyproc?.[metric];
      if (!f) continue;
      const rss = f.rssSmall && f.rssLarge ? `${f.rssSmall.median} / ${f.rssLarge.median} MiB` : "—";
      body.push([
        runtime,
        METRICS[metric].label,
        cell(f.firstSmall, ms),
        cell(f.firstLarge, ms),
        cell(f.firstRatio, times),
        cell(f.replacedSmall, ms),
        cell(f.replacedLarge, ms),
        cell(f.replacedRatio, times),
        rss,
      ]);
    }
  }
  return body.length > 0 ? [header, ...body] : null;
}

const verdict = (c) =>
  `${c.runtime}: ${c.target}: ${times(c.value)} ${c.met ? "met" : c.budget === false ? "not met (no budget)" : "MISSED"}`;
const metCell = (c) => (c.met ? "yes" : c.budget === false ? "no (reported only)" : "**no**");

/** The tables and target lines for the terminal. */
export function terminalReport(run) {
  const starts = workerStartTable(run.results);
  return [
    "warm round trip of echo(1), 1-worker pool (µs, median [min..max])",
    terminalTable(roundTripTable(run.results)),
    "",
    `throughput, ${run.method.batch} echo(1) calls in flight, full pool (calls/s, median [min..max])`,
    terminalTable(throughputTable(run.results, run.machine.nproc)),
    "",
    ...(starts
      ? [
          "a call that starts a worker, small heap and ~1 GB heap (ms, median [min..max]; ratio: median of each process's large/small)",
          terminalTable(starts),
          "",
        ]
      : []),
    "targets (anyproc against the raw channel and tinypool):",
    ...run.checks.map((c) => `  ${verdict(c)}`),
  ].join("\n");
}

/** The markdown lines between the run's header and its method: the tables and the target checks. */
export function markdownBody(run) {
  const starts = workerStartTable(run.results);
  return [
    "## Warm round trip of `echo(1)` (µs)",
    "",
    markdownTable(roundTripTable(run.results)),
    "",
    `## Throughput, ${run.method.batch} calls in flight (calls/s)`,
    "",
    markdownTable(throughputTable(run.results, run.machine.nproc)),
    "",
    ...(starts
      ? [
          "## A call that starts a worker, small heap and ~1 GB heap (ms)",
          "",
          "Ratio: the median over the processes of each one's ~1 GB figure over its small-heap figure.",
          "",
          markdownTable(starts),
          "",
        ]
      : []),
    "## Targets",
    "",
    "| runtime | target | value | met |",
    "| --- | --- | ---: | --- |",
    ...run.checks.map((c) => `| ${c.runtime} | ${c.target} | ${times(c.value)} | ${metCell(c)} |`),
    "",
  ];
}
