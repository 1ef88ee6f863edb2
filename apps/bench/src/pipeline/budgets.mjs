// The pipeline suite's budgets, checked per runtime against the medians of the ratios each process measured
// side by side: runPipeline against the same pipeline run by /bin/sh and against the cookbook's recipe, and
// on Deno each way of reading openProcess's stdout against Deno's own BYOB reader. Each check is `{ runtime,
// target, value, limit, met, budget, note }`; `budget: false` marks a figure reported against a budget that does
// not apply there (`note` says why), which never fails the bench.

/** runPipeline must move at least this share of the /bin/sh pipeline's throughput (its time ÷ runPipeline's). */
export const MIN_SH_RATIO = 0.9;
/** Where the adapter passes the pipe between stages, runPipeline must be at least this much faster than the cookbook recipe. */
export const MIN_COOKBOOK_RATIO = 1.5;
/** A reader of openProcess's stdout on Deno must move at least this share of Deno's BYOB reader's throughput. */
export const MIN_READ_RATIO = 0.95;

/** The Deno readers held to {@link MIN_READ_RATIO}: scenario and subject key, and what the check says. */
const READERS = [
  ["zeros", "default-reader", "default reader"],
  ["zeros", "for-await", "for await"],
  ["lines", "lines", "lines()"],
  ["text", "text", "text()"],
];

/**
 * `results[runtime][scenario][key][metric]` holds summaries (`median`…); `links[runtime]` whether its adapter
 * passes pipes between stages (the 1.5× budget applies only there; elsewhere core copies in JavaScript).
 */
export function checkBudgets(results, links) {
  const checks = [];
  const add = (runtime, target, value, limit, met, budget = true, note = null) =>
    checks.push({ runtime, target, value, limit, met, budget, note });
  for (const [runtime, r] of Object.entries(results)) {
    const m = (scenario, key, metric) => r[scenario]?.[key]?.[metric]?.median;
    const sh = m("pipeline", "anyproc", "ratio");
    if (sh !== undefined) add(runtime, `runPipeline ≥ ${MIN_SH_RATIO}× /bin/sh`, sh, MIN_SH_RATIO, sh >= MIN_SH_RATIO);
    const cookbook = m("pipeline", "anyproc", "vsCookbook");
    if (cookbook !== undefined) {
      const applies = links[runtime] === true;
      add(
        runtime,
        `runPipeline ≥ ${MIN_COOKBOOK_RATIO}× cookbook recipe`,
        cookbook,
        MIN_COOKBOOK_RATIO,
        cookbook >= MIN_COOKBOOK_RATIO,
        applies,
        applies ? null : "does not apply: core copies between stages in JavaScript here",
      );
    }
    for (const [scenario, key, what] of READERS) {
      const read = m(scenario, key, "ratio");
      if (read !== undefined)
        add(runtime, `openProcess stdout, ${what} ≥ ${MIN_READ_RATIO}× Deno BYOB reader`, read, MIN_READ_RATIO, read >= MIN_READ_RATIO);
    }
  }
  return checks;
}
