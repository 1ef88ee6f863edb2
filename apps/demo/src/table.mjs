// The demo's closing table: one row per runtime × way, wall time per task, speed-up over one after another.
import { seconds, WAY_TASKS, wayLabel } from "./ways.mjs";

/**
 * @typedef {object} RuntimeResult
 * @property {string} runtime
 * @property {Record<string, any> | null} config the batch's `start` event (counts, fib n, limit, workers)
 * @property {Record<string, Record<string, number>>} times wall time in ms by way, then task
 * @property {string} [error] why the runtime's batch failed
 */

/**
 * The speed-up of `way` over one after another, for the task it runs: `3.9×`, `1.0×` for the baseline,
 * `?` when a time is missing.
 * @param {Record<string, Record<string, number>>} times
 * @param {string} way
 * @returns {string}
 */
export function speedUp(times, way) {
  const task = WAY_TASKS[way][0];
  const baseline = way === "sequential" ? 1 : times.sequential?.[task] / times[way]?.[task];
  return Number.isFinite(baseline) ? `${baseline.toFixed(1)}×` : "?";
}

/**
 * Formats the results as an aligned text table: a header, then three rows per runtime (or one row
 * saying why it failed). A way leaves blank the task it does not run.
 * @param {RuntimeResult[]} results
 * @returns {string}
 */
export function formatTable(results) {
  const config = results.find((r) => r.config)?.config;
  const header = [
    "runtime",
    "way",
    config ? `${config.scripts} scripts` : "scripts",
    config ? `${config.cpu} × fib(${config.fib})` : "CPU calls",
    "speed-up",
  ];
  const rows = [];
  for (const { runtime, config: own, times, error } of results) {
    if (error || !own) {
      rows.push([runtime, `failed: ${error ?? "no result"}`]);
      continue;
    }
    for (const way of Object.keys(WAY_TASKS)) {
      const cell = (task) => (WAY_TASKS[way].includes(task) && times[way]?.[task] !== undefined ? seconds(times[way][task]) : "");
      rows.push([runtime, wayLabel(way, own), cell("scripts"), cell("cpu"), speedUp(times, way)]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.filter((r) => r.length > 2).map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i >= 2 ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
