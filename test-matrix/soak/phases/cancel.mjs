// Phase 3: 500 runProcess calls aborted or timed out at random moments, including children that ignore SIGTERM.
import { runCalls } from "../_calls.mjs";

export const RUNS = 500;
const IN_FLIGHT = 25;
/** Aborts and timeouts land within this many milliseconds of the call. */
const LATEST_MS = 300;
/** What the phase does, for docs/contributing/reliability.md. */
export const ABOUT =
  `runProcess calls, ${IN_FLIGHT} in flight, aborted (an Error, a string or the default reason; some before the call) ` +
  `or timed out (\`timeout\`) at a random moment within ${LATEST_MS} ms, with \`forceKillAfter\` 10–100 ms. ` +
  "Children: `sleep 5`; `yes`; `sh -c 'yes >/dev/null'` and `sh -c 'trap \"\" TERM; sleep 5'` with `killTree`; " +
  "a TERM-ignoring `exec sleep 5`; and `sleep 0.1` or `sh -c 'sleep 0.15; printf late'`, which may finish first. " +
  "Each must reject with its own abort reason or ProcessTimeoutError, or, for the short children only, resolve.";

/**
 * `long` children cannot finish before the abort or timeout; the others may, and then resolve normally. The long
 * sleeps last 5 s, far beyond the latest stop: with up to 25 `yes` children competing for two CPUs, the caller's
 * timers can run a second late (seen on a slow VM with `sleep 1`: a TERM-ignoring child finished first).
 * Shell children that fork use `killTree`, or killing the shell would orphan its child by design.
 */
const CHILDREN = [
  { long: true, label: "sleep 5", command: ["sleep", "5"] },
  { long: true, label: "yes, stdout ignored", command: ["yes"], options: { stdout: "ignore" } },
  { long: true, label: "sh -c 'yes >/dev/null', killTree", command: ["sh", "-c", "yes >/dev/null"], options: { killTree: true } },
  { long: true, label: "sh ignoring SIGTERM, killTree", command: ["sh", "-c", "trap '' TERM; sleep 5"], options: { killTree: true } },
  { long: true, label: "sh ignoring SIGTERM, exec sleep", command: ["sh", "-c", "trap '' TERM; printf started; exec sleep 5"] },
  { long: false, label: "sleep 0.1", command: ["sleep", "0.1"] },
  { long: false, label: "sh sleep 0.15 then printf (grandchild holds the pipe)", command: ["sh", "-c", "sleep 0.15; printf late"] },
];

/** @param {import("../workload.mjs").PhaseContext} context */
export function cancel(context) {
  const { api, rng } = context;
  return runCalls(context, { runs: RUNS, concurrency: IN_FLIGHT, call: (i) => cancelledCall(api, rng, i) });
}

function cancelledCall(api, rng, i) {
  const child = rng.pick(CHILDREN);
  const options = { stdout: rng.pick(["pipe", "ignore"]), forceKillAfter: rng.int(10, 100), ...child.options };
  const mode = rng.pick(["abort", "abort", "timeout", "timeout", "both", "pre-aborted"]);
  const spec = { label: `${child.label}, ${mode}`, expect: child.long ? [] : ["ok"] };
  if (mode === "timeout" || mode === "both") {
    options.timeout = rng.int(1, LATEST_MS);
    spec.expect.push("ProcessTimeoutError");
    spec.label += ` ${options.timeout} ms`;
  }
  if (mode === "abort" || mode === "both" || mode === "pre-aborted") {
    const controller = new AbortController();
    // the reason is an Error, a string, or the default DOMException; the call must reject with that very value
    const reason = rng.pick([new Error(`soak abort #${i}`), `soak abort #${i}`, undefined]);
    const abort = () => {
      controller.abort(reason);
      spec.reason = controller.signal.reason;
    };
    if (mode === "pre-aborted") {
      abort();
      spec.expect = ["aborted"];
    } else {
      const at = rng.int(0, LATEST_MS);
      setTimeout(abort, at);
      spec.expect.push("aborted");
      spec.label += ` abort at ${at} ms`;
    }
    options.signal = controller.signal;
  }
  spec.promise = api.runProcess(child.command, options);
  return spec;
}
