// Phase 1: 5,000 runProcess calls one after another, varying output, input, stderr and exit handling.
import { runCalls } from "../_calls.mjs";

export const RUNS = 5000;
/** What the phase does, for docs/contributing/reliability.md. */
export const ABOUT =
  "runProcess calls one after another: `true` (output piped or ignored), `sh -c 'printf abc'`, `cat` with text or " +
  "byte input or none, stderr merged into stdout, `exit 3` with `check` off and on; every output and exit code is checked.";

/** Each variant: a command, its options and what the result must be; `weight` is how often it is picked. */
const VARIANTS = [
  { weight: 6, label: "true", command: ["true"], check: (r) => exited(r, 0) ?? same(r.stdout, "") },
  {
    weight: 3,
    label: "true, stdout and stderr ignored",
    command: ["true"],
    options: { stdout: "ignore", stderr: "ignore" },
    check: (r) => exited(r, 0),
  },
  { weight: 3, label: "sh printf", command: ["sh", "-c", "printf abc"], check: (r) => same(r.stdout, "abc") },
  {
    weight: 2,
    label: "cat with text input",
    command: ["cat"],
    input: (i) => `line ${i}\n`.repeat(1 + (i % 7)),
    check: (r, input) => same(r.stdout, input),
  },
  {
    weight: 1,
    label: "cat with byte input",
    command: ["cat"],
    input: (i) => new Uint8Array([i & 255, 0, 255, 10]),
    options: { encoding: "bytes" },
    check: (r, input) => same(r.stdout.join(), input.join()),
  },
  { weight: 1, label: "cat, no input (stdin is /dev/null)", command: ["cat"], check: (r) => same(r.stdout, "") },
  {
    weight: 1,
    label: "stderr into stdout",
    command: ["sh", "-c", "printf out; printf err >&2"],
    options: { stderr: "stdout" },
    check: (r) => same(r.stdout, "outerr"),
  },
  { weight: 1, label: "exit 3, check off", command: ["sh", "-c", "exit 3"], options: { check: false }, check: (r) => exited(r, 3) },
  { weight: 1, label: "exit 3 (rejects)", command: ["sh", "-c", "exit 3"], expect: ["CalledProcessError"] },
];
const DECK = VARIANTS.flatMap((v) => Array(v.weight).fill(v));

const exited = (r, code) =>
  r.exitCode === code && r.signal === null ? undefined : `exit ${r.exitCode}, signal ${r.signal}; wanted exit ${code}`;
const same = (got, want) =>
  got === want ? undefined : `got ${JSON.stringify(got).slice(0, 80)}, wanted ${JSON.stringify(want).slice(0, 80)}`;

/** @param {import("../workload.mjs").PhaseContext} context */
export function sequential(context) {
  const { api, rng } = context;
  return runCalls(context, {
    runs: RUNS,
    concurrency: 1,
    call: (i) => {
      const variant = rng.pick(DECK);
      const input = variant.input?.(i);
      const options = input === undefined ? variant.options : { ...variant.options, input };
      return {
        label: variant.label,
        promise: api.runProcess(variant.command, options),
        expect: variant.expect ?? ["ok"],
        check: variant.check && ((result) => variant.check(result, input)),
      };
    },
  });
}
