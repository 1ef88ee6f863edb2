// The one entry of every measurement process: `<runtime> measure-one.mjs <suite> <args…>` takes one
// measurement of that suite in this fresh runtime process and prints it as one JSON line. Only the named
// suite's measuring code is loaded.
import process from "node:process";

/** Suite name → its measuring module (`measureOne(args)` and `USAGE`). */
const MEASURERS = {
  "to-process": "./src/to-process/measure-one.mjs",
  spawn: "./src/spawn/measure-one.mjs",
  "spawn-heap": "./src/spawn-heap/measure-one.mjs",
  pipeline: "./src/pipeline/measure-one.mjs",
  "cold-start": "./src/cold-start/measure-one.mjs",
};

const [suite, ...args] = process.argv.slice(2);
if (!MEASURERS[suite]) {
  console.error(`usage: measure-one.mjs <${Object.keys(MEASURERS).join("|")}> <args…>`);
  process.exit(2);
}
const { measureOne, USAGE } = await import(MEASURERS[suite]);
const result = await measureOne(args);
if (result === null) {
  console.error(`usage: measure-one.mjs ${suite} ${USAGE}`);
  process.exit(2);
}
console.log(JSON.stringify(result));
process.exit(0);
