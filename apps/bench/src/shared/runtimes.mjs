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
