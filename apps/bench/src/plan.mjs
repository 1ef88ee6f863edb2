// What one bench run measures: the runtimes (and how to start a script on each), the subjects and metrics
// per runtime, interleaved round-robin so slow drift of the machine spreads over every variant alike.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { METRICS } from "./metrics.mjs";

const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL("..", import.meta.url));

/** The executable a runtime package ships (not the node_modules/.bin wrapper, which for Deno is a node script). */
function packagedBinary(pkg, relative) {
  const path = join(dirname(require.resolve(`${pkg}/package.json`)), relative);
  return existsSync(path) ? path : join(here, "node_modules", ".bin", pkg);
}

/** Runtime → argv prefix that runs a script on it. */
export const RUNTIMES = {
  node: [process.execPath],
  bun: [packagedBinary("bun", "bin/bun.exe")],
  deno: [packagedBinary("deno", "deno"), "run", "-A"],
};

/** Subject (see subjects.mjs) → the runtimes it runs on. */
export const SUBJECT_RUNTIMES = {
  anyproc: ["node", "bun", "deno"],
  raw: ["node", "bun", "deno"],
  tinypool: ["node"],
};

/** Every measurement of one round, in the order to run them. */
export function variants() {
  const out = [];
  for (const runtime of Object.keys(RUNTIMES)) {
    for (const [subject, on] of Object.entries(SUBJECT_RUNTIMES)) {
      if (!on.includes(runtime)) continue;
      for (const metric of Object.keys(METRICS)) out.push({ runtime, subject, metric });
    }
  }
  return out;
}

/** argv of one measurement process. */
export function measurementArgv({ runtime, subject, metric }) {
  return [...RUNTIMES[runtime], join(here, "run-one.mjs"), subject, metric];
}
