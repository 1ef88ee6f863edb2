// Runs a phase's calls with a bounded number in flight, sorts each settlement into an outcome, and notices a stall.
import process from "node:process";
import { childPids } from "../lib/procfs.mjs";

/**
 * @typedef {object} Call
 * @property {string} label what the call does, for reports
 * @property {Promise<unknown>} promise
 * @property {string[]} expect the outcomes that are correct for this call (see {@link outcomeOf})
 * @property {unknown} [reason] the abort reason the call may reject with
 * @property {(value: unknown) => string | undefined} [check] what is wrong with a resolved value, if anything
 *
 * @typedef {object} CallsReport
 * @property {number} runs calls started
 * @property {number} settled calls whose promise resolved or rejected
 * @property {number} unsettled calls still pending when the phase gave up on them (a stall)
 * @property {number} peakInFlight most calls pending at once
 * @property {number} peakChildren most child processes at once, sampled every 25 ms
 * @property {Record<string, number>} outcomes settled calls by outcome
 * @property {number} unexpected calls that settled with an outcome outside their `expect`, or a wrong value
 * @property {string[]} samples the first few unexpected settlements, described
 */

/** By default a phase gives up when no call has settled for this long. */
const STALL_MS = 20_000;
const SAMPLE_EVERY_MS = 25;
const MAX_SAMPLES = 5;

/**
 * How a call settled: `ok`, `aborted` (rejected with its own abort reason), or the error's class name
 * (`ProcessTimeoutError`, `BrokenWorkerError`, `CalledProcessError`, ...).
 */
export function outcomeOf(call, settled) {
  if (settled.status === "fulfilled") return "ok";
  const error = settled.reason;
  if (call.reason !== undefined && error === call.reason) return "aborted";
  return error instanceof Error ? error.name : `non-error ${typeof error}`;
}

/** What `spec.check` finds wrong with a resolved value; a check that throws finds the value wrong. */
function checkValue(spec, value) {
  try {
    return spec.check?.(value);
  } catch (error) {
    return `unexpected value (${error instanceof Error ? error.message : error})`;
  }
}

/**
 * Starts `call(0)`, `call(1)`, ... (`runs` × `context.scale` calls), at most `concurrency` pending at once,
 * and resolves once all have settled or none has settled for `context.stallMs` (default {@link STALL_MS}).
 * @param {{ scale: number, stallMs?: number }} context
 * @param {{ runs: number, concurrency: number, call: (i: number) => Call }} plan
 * @returns {Promise<CallsReport>}
 */
export function runCalls(context, { runs, concurrency, call }) {
  const total = Math.max(1, Math.round(runs * context.scale));
  const stallMs = context.stallMs ?? STALL_MS;
  const report = { runs: 0, settled: 0, unsettled: 0, peakInFlight: 0, peakChildren: 0, outcomes: {}, unexpected: 0, samples: [] };
  let inFlight = 0;
  let lastSettled = performance.now();
  let done = false;
  return new Promise((resolve) => {
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(sampler);
      report.unsettled = report.runs - report.settled;
      resolve(report);
    };
    const sampler = setInterval(() => {
      report.peakChildren = Math.max(report.peakChildren, childPids(process.pid).length);
      if (inFlight > 0 && performance.now() - lastSettled > stallMs) finish();
    }, SAMPLE_EVERY_MS);

    const record = (i, spec, settled) => {
      if (done) return; // settled after the phase gave up on it: it stays counted as unsettled
      inFlight -= 1;
      report.settled += 1;
      lastSettled = performance.now();
      const outcome = outcomeOf(spec, settled);
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      const wrong = !spec.expect.includes(outcome)
        ? `${outcome}${settled.reason instanceof Error ? `: ${settled.reason.message}` : ""} (expected ${spec.expect.join(" or ")})`
        : outcome === "ok"
          ? checkValue(spec, settled.value)
          : undefined;
      if (wrong) {
        report.unexpected += 1;
        if (report.samples.length < MAX_SAMPLES) report.samples.push(`#${i} ${spec.label}: ${wrong}`.slice(0, 400));
      }
      launch();
    };

    const launch = () => {
      while (!done && inFlight < concurrency && report.runs < total) {
        const i = report.runs;
        report.runs += 1;
        inFlight += 1;
        report.peakInFlight = Math.max(report.peakInFlight, inFlight);
        let spec;
        try {
          spec = call(i);
        } catch (error) {
          spec = { label: "(threw synchronously)", promise: Promise.reject(error), expect: [] };
        }
        spec.promise.then(
          (value) => record(i, spec, { status: "fulfilled", value }),
          (reason) => record(i, spec, { status: "rejected", reason }),
        );
      }
      if (inFlight === 0 && report.runs === total) finish();
    };
    launch();
  });
}
