// Reads known-gaps.json, the failures of the Node-compat lanes that are understood, and checks them against a run.
import { readFileSync } from "node:fs";

/**
 * @typedef {{ lane: string, case: string, reason: string }} KnownGap
 */

/**
 * Loads and validates the gap list. Gaps may only name lanes that are not required: a failure in a
 * required lane is never "known", it is a bug.
 * @param {string} path
 * @param {import("./runtimes.mjs").Lane[]} lanes
 * @returns {KnownGap[]}
 */
export function loadKnownGaps(path, lanes) {
  const gaps = JSON.parse(readFileSync(path, "utf8"));
  if (!Array.isArray(gaps)) throw new TypeError(`${path}: expected an array of { lane, case, reason }`);
  const optional = new Set(lanes.filter((l) => !l.required).map((l) => l.name));
  gaps.forEach((gap, index) => {
    const where = `${path}[${index}]`;
    for (const key of ["lane", "case", "reason"]) {
      if (typeof gap?.[key] !== "string" || gap[key].trim() === "") throw new TypeError(`${where}: "${key}" must be a non-empty string`);
    }
    if (!optional.has(gap.lane)) {
      throw new RangeError(`${where}: lane "${gap.lane}" cannot have known gaps; only ${[...optional].join(", ")} can`);
    }
  });
  return gaps;
}

/**
 * Sorts every non-passing cell of the optional lanes into known gaps and unexplained failures, and
 * finds gaps that no longer fail (stale entries to remove).
 * @param {import("./matrix.mjs").Matrix} matrix
 * @param {KnownGap[]} gaps
 */
export function checkKnownGaps(matrix, gaps) {
  const byKey = new Map(gaps.map((g) => [`${g.lane}\u0000${g.case}`, g]));
  const known = [];
  const unexplained = [];
  for (const lane of matrix.lanes.filter((l) => !l.required)) {
    for (const name of matrix.cases) {
      const status = matrix.cell(name, lane.name);
      if (status !== "failed" && status !== "missing") continue;
      const gap = byKey.get(`${lane.name}\u0000${name}`);
      if (gap) known.push({ ...gap, status });
      else unexplained.push({ lane: lane.name, case: name, status, message: lane.messages.get(name) ?? "" });
    }
  }
  const ran = new Set(matrix.lanes.map((l) => l.name));
  const stale = gaps.filter((g) => {
    if (!ran.has(g.lane)) return false;
    const status = matrix.cell(g.case, g.lane);
    return status !== "failed" && status !== "missing";
  });
  const unknownCases = gaps.filter((g) => ran.has(g.lane) && !matrix.cases.includes(g.case));
  return { known, unexplained, stale, unknownCases };
}
