// The soak workload: one plain-JavaScript script, run unchanged on node, bun and deno, that drives anyproc hard and checks for leaks.
//
//   node workload.mjs <adapter> [--seed <n>] [--scale <f>] [--phases sequential,...] [--stall-ms <ms>] [--grace-ms <ms>]
//   bun workload.mjs <adapter> ...
//   deno run -A workload.mjs <adapter> ...
//
// <adapter> is the path (or file: URL) of packages/<runtime>/dist/index.js. --scale multiplies every phase's
// count, --phases picks phases, --stall-ms is how long a phase waits for a promise that never settles, and
// --grace-ms how long a check waits for children to go and descriptors to close.
// Progress goes to stderr, one JSON line with every phase's figures to stdout; the exit status is 1 on any
// leak, unsettled promise or unexpected outcome.

import { resolve } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { leaksSince, snapshot } from "./_leaks.mjs";
import { createRng, randomSeed } from "./_rng.mjs";
import { runtime, runtimeVersion, trackUnhandledRejections } from "./_runtime.mjs";
import { warmUp } from "./_warm-up.mjs";
import { PHASES } from "./phases/index.mjs";

/**
 * What a phase gets: the adapter module, the seeded PRNG, the toProcess fixture, and the run's options.
 * @typedef {{ api: any, rng: import("./_rng.mjs").Rng, fixture: URL, scale: number, stallMs: number }} PhaseContext
 */

const options = parseOptions(process.argv.slice(2));
const rejections = trackUnhandledRejections();
const api = await import(options.adapter);
const rng = createRng(options.seed);
const fixture = new URL("./fixtures/work.mjs", import.meta.url);
const say = (line) => process.stderr.write(`# soak ${runtime}: ${line}\n`);
say(`${runtimeVersion}, seed ${options.seed}, scale ${options.scale}, adapter ${options.adapter}`);

await warmUp(api, fixture);
const baseline = snapshot();
const phases = [];
for (const { name, run } of PHASES.filter((phase) => options.phases.includes(phase.name))) {
  const before = snapshot();
  const rejectedBefore = rejections.count;
  const started = performance.now();
  const figures = await run({ api, rng, scale: options.scale, fixture, stallMs: options.stallMs });
  const durationMs = Math.round(performance.now() - started);
  const leaks = await leaksSince(before, options.graceMs);
  const unhandledRejections = rejections.count - rejectedBefore;
  const phase = { phase: name, ...figures, durationMs, ...leaks, unhandledRejections };
  phase.problems = problemsOf(phase);
  phases.push(phase);
  say(
    `${name}: ${phase.runs} runs, peak ${phase.peakInFlight} in flight, ${(durationMs / 1000).toFixed(1)} s, ${phase.problems.join("; ") || "no leak"}`,
  );
}
const end = await leaksSince(baseline, options.graceMs);
end.unhandledRejections = rejections.count;
end.rejectionSamples = rejections.samples;
end.problems = problemsOf(end);
const ok = phases.every((p) => p.problems.length === 0) && end.problems.length === 0;
say(`end: ${end.problems.join("; ") || "no leak"} since the baseline`);
process.stdout.write(
  `${JSON.stringify({ soak: 1, runtime, version: runtimeVersion, seed: options.seed, scale: options.scale, graceMs: options.graceMs, stallMs: options.stallMs, phases, end, ok })}\n`,
);
process.exit(ok ? 0 : 1);

/** What went wrong in a phase (or since the baseline), one phrase each. */
function problemsOf(figures) {
  const problems = [];
  const add = (count, what) => count > 0 && problems.push(`${count} ${what}`);
  add(figures.unsettled ?? 0, "promise(s) never settled");
  add(figures.unexpected ?? 0, "call(s) settled with an unexpected outcome");
  add(figures.leftoverCount, "child process(es) left running");
  add(figures.zombieCount, "zombie(s)");
  add(figures.fds.after - figures.fds.before, "more open file descriptor(s)");
  add(figures.unhandledRejections, "unhandled rejection(s)");
  if (figures.poolClose !== undefined && figures.poolClose !== "closed") problems.push(`pool.close() ${figures.poolClose}`);
  return problems;
}

function parseOptions(args) {
  const names = PHASES.map((phase) => phase.name);
  const usage = `usage: workload.mjs <adapter path or URL> [--seed <n>] [--scale <f>] [--phases ${names.join(",")}] [--stall-ms <ms>] [--grace-ms <ms>]`;
  const parsed = { adapter: undefined, seed: randomSeed(), scale: 1, phases: names, stallMs: 20_000, graceMs: 3000 };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--seed") parsed.seed = Number(args[++i]);
    else if (args[i] === "--scale") parsed.scale = Number(args[++i]);
    else if (args[i] === "--phases") parsed.phases = String(args[++i]).split(",");
    else if (args[i] === "--stall-ms") parsed.stallMs = Number(args[++i]);
    else if (args[i] === "--grace-ms") parsed.graceMs = Number(args[++i]);
    else if (parsed.adapter === undefined) parsed.adapter = args[i];
    else parsed.adapter = null;
  }
  if (
    !parsed.adapter ||
    !Number.isInteger(parsed.seed) ||
    !(parsed.scale > 0) ||
    parsed.phases.some((p) => !names.includes(p)) ||
    !(parsed.stallMs > 0) ||
    !(parsed.graceMs >= 0)
  ) {
    process.stderr.write(`${usage}\n`);
    process.exit(2);
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(parsed.adapter)) parsed.adapter = pathToFileURL(resolve(parsed.adapter)).href;
  return parsed;
}
