// Phase 2: 1,000 runProcess calls with 200 in flight at once; the sleeping ones make the 200 overlap for real.
import { runCalls } from "../_calls.mjs";

export const RUNS = 1000;
export const IN_FLIGHT = 200;
/** What the phase does, for docs/contributing/reliability.md. */
export const ABOUT =
  `runProcess calls, ${IN_FLIGHT} in flight at once: \`sleep 0.1\` (output piped or ignored), \`true\`, ` +
  "`sh -c 'sleep 0.05; printf done'`, `cat` with input; every output is checked.";

const VARIANTS = [
  {
    label: "sleep 0.1",
    command: ["sleep", "0.1"],
    check: (r) => (r.exitCode === 0 ? undefined : `exit ${r.exitCode}, signal ${r.signal}`),
  },
  { label: "sleep 0.1, output ignored", command: ["sleep", "0.1"], options: { stdout: "ignore", stderr: "ignore" } },
  { label: "true", command: ["true"] },
  {
    label: "sh sleep then printf",
    command: ["sh", "-c", "sleep 0.05; printf done"],
    check: (r) => (r.stdout === "done" ? undefined : `stdout ${JSON.stringify(r.stdout)} instead of "done" (exit ${r.exitCode})`),
  },
  {
    label: "cat with input",
    command: ["cat"],
    input: (i) => `call ${i}\n`.repeat(50),
    check: (r, input) => (r.stdout === input ? undefined : `stdout differs (${r.stdout.length} of ${input.length} chars)`),
  },
];

/** @param {import("../workload.mjs").PhaseContext} context */
export function concurrent(context) {
  const { api, rng } = context;
  return runCalls(context, {
    runs: RUNS,
    concurrency: IN_FLIGHT,
    call: (i) => {
      const variant = rng.pick(VARIANTS);
      const input = variant.input?.(i);
      const options = input === undefined ? variant.options : { ...variant.options, input };
      return {
        label: variant.label,
        promise: api.runProcess(variant.command, options),
        expect: ["ok"],
        check: variant.check && ((result) => variant.check(result, input)),
      };
    },
  });
}
