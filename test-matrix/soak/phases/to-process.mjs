// Phase 4: 2,000 toProcess calls through a pool of 2 workers, with random aborts and workers that crash mid-call.
import { runCalls } from "../_calls.mjs";

export const RUNS = 2000;
export const MAX_WORKERS = 2;
/** More calls than workers are pending, so that some wait in the pool's queue (and some are aborted there). */
const IN_FLIGHT = 8;
const CRASH_RATE = 0.03;
const ABORT_RATE = 0.06;
/** What the phase does, for docs/contributing/reliability.md. */
export const ABOUT =
  `toProcess calls through one pool (\`maxWorkers: ${MAX_WORKERS}\`, ${IN_FLIGHT} calls pending) on fixtures/work.mjs: ` +
  "echoes of a value (nested, Map, Date, BigInt, -0, emoji) checked on return, busy loops of 0–3 ms, " +
  `${CRASH_RATE * 100}% calls that end the worker (\`process.exit(3)\` / \`Deno.exit(3)\`), ${ABORT_RATE * 100}% aborted ` +
  "before the call or within 10 ms (queued or running). Each must resolve with the right value or reject with its " +
  "abort reason or BrokenWorkerError; then `pool.close()` must resolve.";
/** pool.close() gets this long before the phase reports it as hung. */
const CLOSE_LIMIT_MS = 15_000;

/** @param {import("../workload.mjs").PhaseContext} context */
export async function toProcessCalls(context) {
  const { api, rng, fixture } = context;
  const pool = api.toProcess.pool({ maxWorkers: MAX_WORKERS });
  const report = await runCalls(context, { runs: RUNS, concurrency: IN_FLIGHT, call: (i) => poolCall(pool, fixture, rng, i) });
  const started = performance.now();
  let timer;
  const closed = await Promise.race([
    pool.close().then(
      () => "closed",
      (error) => `rejected: ${error?.message ?? error}`,
    ),
    new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_LIMIT_MS, `did not resolve within ${CLOSE_LIMIT_MS / 1000} s`))),
  ]);
  clearTimeout(timer);
  return { ...report, poolClose: closed, poolCloseMs: Math.round(performance.now() - started) };
}

function poolCall(pool, fixture, rng, i) {
  const call = rng.chance(CRASH_RATE) ? CRASH : rng.chance(0.5) ? echoCall(i) : spinCall(rng.int(0, 3));
  const spec = { label: call.label, expect: call.expect, check: call.check };
  const options = {};
  if (rng.chance(ABORT_RATE)) {
    const controller = new AbortController();
    spec.reason = new Error(`soak abort #${i}`);
    // -1: aborted before the call, so nothing runs; else at a random moment, while queued or running
    const at = rng.int(-1, 10);
    if (at < 0) controller.abort(spec.reason);
    else setTimeout(() => controller.abort(spec.reason), at);
    options.signal = controller.signal;
    spec.expect = at < 0 ? ["aborted"] : [...call.expect, "aborted"];
    spec.label += at < 0 ? ", aborted before" : `, abort at ${at} ms`;
  }
  spec.promise = pool.run(fixture, call.name, call.args, options);
  return spec;
}

/** The worker exits with code 3 in the middle of the call. */
const CRASH = { label: "crash", name: "crash", args: [3], expect: ["BrokenWorkerError"] };

const spinCall = (ms) => ({
  label: `spin ${ms} ms`,
  name: "spin",
  args: [ms],
  expect: ["ok"],
  check: (n) => (Number.isInteger(n) ? undefined : `returned ${n}`),
});

/** An echo of a value that exercises the encoding: nested, with a Map, a Date, a BigInt, -0 and unicode. */
function echoCall(i) {
  const value = {
    i,
    text: `caf\u00e9 \u{1F600} #${i}`,
    list: [i, -0, null],
    map: new Map([["k", i]]),
    when: new Date(i),
    big: BigInt(i) ** 3n,
  };
  const check = (back) =>
    back?.i === i &&
    back.text === value.text &&
    Object.is(back.list?.[1], -0) &&
    back.map?.get("k") === i &&
    back.when?.getTime() === i &&
    back.big === value.big
      ? undefined
      : `echo of #${i} came back different`;
  return { label: "echo", name: "echo", args: [value], expect: ["ok"], check };
}
