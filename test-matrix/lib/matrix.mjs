// The matrix itself: every conformance case × every lane that ran, with per-lane and overall totals.

/**
 * @typedef {"passed" | "failed" | "skipped" | "missing"} Cell
 * @typedef {{ passed: number, failed: number, skipped: number, missing: number }} Totals
 * @typedef {object} Matrix
 * @property {import("./collect.mjs").LaneResult[]} lanes
 * @property {string[]} cases every case seen in any lane, in the order the lanes reported them
 * @property {(name: string, lane: string) => Cell} cell
 * @property {Map<string, Totals>} laneTotals
 * @property {{ passed: number, failed: number }} required cells of required lanes; a missing cell counts as failed
 * @property {{ passed: number, failed: number }} compat cells of the other lanes, the same way
 * @property {boolean} ok no failed or missing cell and no lane error in a required lane
 */

/** @returns {Matrix} */
export function buildMatrix(lanes) {
  const cases = [...new Set(lanes.flatMap((lane) => [...lane.cases.keys()]))];
  const byName = new Map(lanes.map((lane) => [lane.name, lane]));
  const cell = (name, lane) => byName.get(lane)?.cases.get(name) ?? "missing";

  const laneTotals = new Map();
  for (const lane of lanes) {
    const totals = { passed: 0, failed: 0, skipped: 0, missing: 0 };
    for (const name of cases) totals[cell(name, lane.name)] += 1;
    laneTotals.set(lane.name, totals);
  }
  const sum = (required) => {
    const picked = lanes.filter((lane) => lane.required === required).map((lane) => laneTotals.get(lane.name));
    return {
      passed: picked.reduce((n, t) => n + t.passed, 0),
      failed: picked.reduce((n, t) => n + t.failed + t.missing, 0),
    };
  };
  const required = sum(true);
  const ok = required.failed === 0 && lanes.every((lane) => !lane.required || lane.errors.length === 0);
  return { lanes, cases, cell, laneTotals, required, compat: sum(false), ok };
}

/** The machine-readable form written to results/matrix.json. */
export function matrixToJson(matrix, gapReport) {
  return {
    generatedAt: new Date().toISOString(),
    ok: matrix.ok,
    lanes: matrix.lanes.map((lane) => ({
      name: lane.name,
      required: lane.required,
      command: lane.command,
      durationMs: Math.round(lane.durationMs),
      totals: matrix.laneTotals.get(lane.name),
      errors: lane.errors,
      notes: lane.notes,
      extras: Object.fromEntries(lane.extras),
    })),
    cases: matrix.cases,
    results: Object.fromEntries(
      matrix.cases.map((name) => [name, Object.fromEntries(matrix.lanes.map((lane) => [lane.name, matrix.cell(name, lane.name)]))]),
    ),
    failures: Object.fromEntries(matrix.lanes.map((lane) => [lane.name, Object.fromEntries(lane.messages)])),
    knownGaps: gapReport,
    totals: { required: matrix.required, compat: matrix.compat },
  };
}
