// The cold-start suite's budget, per runtime: `import "anyproc"` costs no more than `import "tinyexec"`, a cost
// being a fresh process's median wall-clock time minus an empty script's, both imports measured side by side
// in each measurement process. Each check is `{ runtime, target, value, limit, met, budget, anyproc, tinyexec, ratio }`.

/** The check's text. */
export const TARGET = 'import "anyproc" cost ≤ import "tinyexec" cost';

/**
 * `results[runtime][key][metric]` holds summaries over the measurement processes (`median`, `min`, `max`). The
 * check is met when the median of anyproc's costs (`value`, ms) is at most the median of tinyexec's (`limit`);
 * `anyproc`, `tinyexec` and `ratio` (anyproc's cost ÷ tinyexec's, per process) are the summaries reported with it.
 */
export function checkBudgets(results) {
  const checks = [];
  for (const [runtime, r] of Object.entries(results)) {
    const anyproc = r.anyproc?.cost;
    const tinyexec = r.tinyexec?.cost;
    if (!anyproc || !tinyexec) continue;
    const value = anyproc.median;
    const limit = tinyexec.median;
    checks.push({ runtime, target: TARGET, value, limit, met: value <= limit, budget: true, anyproc, tinyexec, ratio: r.anyproc.ratio });
  }
  return checks;
}
