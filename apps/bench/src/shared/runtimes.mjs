// The runtimes the bench measures on, and how to start a script on each, from the repository's one table of
// runtimes (test-matrix/lib/runtimes.mjs): node (this one), and the binaries behind the bun and deno shims.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ownExecutable, RUNTIMES as TABLE } from "../../../../test-matrix/lib/runtimes.mjs";

/** apps/bench/, where the measurement entry lives and the measurement processes run. */
export const BENCH_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** The one entry every measurement process runs: `<runtime> measure-one.mjs <suite> <args…>`. */
export const MEASURE_ONE = join(BENCH_DIR, "measure-one.mjs");

/** argv that comes before a script on runtime `name`: its own binary (no shim process) and the table's script flags. */
function prefix(name) {
  const exe = ownExecutable(name);
  if (exe === null) throw new Error(`the bench needs ${name}: run the repository's pnpm install`);
  const slot = "\0script";
  const args = TABLE[name].script(slot);
  return [exe, ...args.slice(0, args.indexOf(slot))];
}

/** Runtime → argv prefix that runs a script on it. */
export const RUNTIMES = { node: prefix("node"), bun: prefix("bun"), deno: prefix("deno") };

/**
 * The newest Node line of the table of runtimes (the newest LTS), which a suite may measure beside the Node
 * that runs the bench; null when that line is not installed here (its builds are Linux x64 only).
 */
export const NEWEST_NODE = (() => {
  const lines = Object.keys(TABLE).filter((name) => /^node\d+$/.test(name));
  const newest = lines.sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))).pop();
  return newest !== undefined && TABLE[newest].bin() !== null ? newest : null;
})();

/** Which runtime a bench runtime name runs on: "node", "bun" or "deno" (a Node line such as "node26" is "node"). */
export function kindOf(name) {
  return TABLE[name].name;
}

/** {@link RUNTIMES} and, where installed, {@link NEWEST_NODE}. */
export const RUNTIMES_AND_NEWEST_NODE = NEWEST_NODE === null ? RUNTIMES : { ...RUNTIMES, [NEWEST_NODE]: prefix(NEWEST_NODE) };
