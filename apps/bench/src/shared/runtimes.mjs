// The runtimes the bench measures on, and how to start a script on each: node (this one), and the bun and
// deno executables the bench's devDependencies install.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** apps/bench/, where the measurement entry lives and the measurement processes run. */
export const BENCH_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** The one entry every measurement process runs: `<runtime> measure-one.mjs <suite> <args…>`. */
export const MEASURE_ONE = join(BENCH_DIR, "measure-one.mjs");

/** The executable a runtime package ships (not the node_modules/.bin wrapper, which for Deno is a node script). */
function packagedBinary(pkg, relative) {
  const path = join(dirname(require.resolve(`${pkg}/package.json`)), relative);
  return existsSync(path) ? path : join(BENCH_DIR, "node_modules", ".bin", pkg);
}

/** Runtime → argv prefix that runs a script on it. */
export const RUNTIMES = {
  node: [process.execPath],
  bun: [packagedBinary("bun", "bin/bun.exe")],
  deno: [packagedBinary("deno", "deno"), "run", "-A"],
};
