// Summaries of the per-process values of one measurement: median with min..max, as RUNTIME-FACTS §7 reports
// them, over the nested values a suite records (any depth, each leaf `{ value: [], foreignCpu: [] }`).

/** `{ median, min, max, runs }` of a list of numbers (runs kept in the order measured). */
export function summarize(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values };
}

const isLeaf = (node) => Array.isArray(node?.value) && Array.isArray(node?.foreignCpu);

/** Every leaf of `values` with its path (the keys from the top, e.g. `["node", "anyproc", "rttSame"]`). */
function leaves(values, path = []) {
  if (isLeaf(values)) return [{ path, leaf: values }];
  return Object.entries(values).flatMap(([key, node]) => leaves(node, [...path, key]));
}

/**
 * `values` with each leaf replaced by the summary of its values plus its `foreignCpu` list: the shape of a
 * run's `results`.
 */
export function summarizeTree(values) {
  const results = {};
  for (const { path, leaf } of leaves(values)) {
    let node = results;
    for (const key of path.slice(0, -1)) node = node[key] ??= {};
    node[path[path.length - 1]] = { ...summarize(leaf.value), foreignCpu: leaf.foreignCpu };
  }
  return results;
}

/**
 * The share of the CPUs other processes took during the measurements kept (each leaf's `foreignCpu`):
 * median, max, and which measurement had the max (its path, space-separated).
 */
export function interferenceSummary(values) {
  const all = leaves(values).flatMap(({ path, leaf }) => leaf.foreignCpu.map((share) => ({ share, where: path.join(" ") })));
  if (all.length === 0) return { median: 0, max: 0, worst: null };
  const worst = all.reduce((a, b) => (b.share > a.share ? b : a));
  return { median: summarize(all.map((x) => x.share)).median, max: worst.share, worst: worst.where };
}
