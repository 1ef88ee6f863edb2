// Summaries of the per-process values of one measurement: median with min..max, as RUNTIME-FACTS §7 reports them.

/** `{ median, min, max, runs }` of a list of numbers (runs kept in the order measured). */
export function summarize(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values };
}

/**
 * The share of the CPUs other processes took during the measurements kept (`values[runtime][subject][metric]
 * .foreignCpu`): median, max, and which measurement had the max.
 */
export function interferenceSummary(values) {
  const all = [];
  for (const [runtime, subjects] of Object.entries(values)) {
    for (const [subject, metrics] of Object.entries(subjects)) {
      for (const [metric, list] of Object.entries(metrics)) {
        for (const share of list.foreignCpu) all.push({ share, where: `${runtime} ${subject} ${metric}` });
      }
    }
  }
  if (all.length === 0) return { median: 0, max: 0, worst: null };
  const worst = all.reduce((a, b) => (b.share > a.share ? b : a));
  return { median: summarize(all.map((x) => x.share)).median, max: worst.share, worst: worst.where };
}
