// One runtime's share of the demo: the same batch, three ways, through `anyproc` (which picks this runtime's
// adapter). Reports progress and timings as JSON lines on stdout (see ways.mjs) for run.mjs to render.
// Usage: <runtime> src/batch.mjs [--scripts=12] [--cpu=8] [--fib=37] [--limit=4]
import { availableParallelism } from "node:os";
import process from "node:process";
import { runProcess, toProcess } from "anyproc";
import { adapter } from "anyproc/adapter";
import { fib } from "./cpu.mjs";
import { createLimit } from "./limit.mjs";

const option = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) : fallback;
};
const SCRIPTS = option("scripts", 12);
const CPU_CALLS = option("cpu", 8);
const FIB_N = option("fib", 37);
const LIMIT = option("limit", 4);
const WORKERS = availableParallelism();

const report = (event) => console.log(JSON.stringify(event));
/** A small script that takes ~200 ms, like a linter or a code generator on one file. */
const script = (i) => ["sh", "-c", `sleep 0.2; echo "script ${i} done"`];
const cpuModule = new URL("./cpu.mjs", import.meta.url);

/** Starts timing one way × task; `tick()` reports one more task done, `end()` reports the wall time. */
function measure(way, task, total) {
  const started = performance.now();
  let done = 0;
  return {
    tick: () => report({ type: "progress", way, task, done: ++done, total }),
    end: () => report({ type: "time", way, task, ms: performance.now() - started }),
  };
}
const range = (n) => Array.from({ length: n }, (_, i) => i);

report({ type: "start", runtime: adapter.runtime, scripts: SCRIPTS, cpu: CPU_CALLS, fib: FIB_N, limit: LIMIT, workers: WORKERS });

// 1. One after another: await each script before starting the next; CPU calls inline, blocking the event loop.
let m = measure("sequential", "scripts", SCRIPTS);
for (const i of range(SCRIPTS)) {
  await runProcess(script(i));
  m.tick();
}
m.end();

m = measure("sequential", "cpu", CPU_CALLS);
for (const _ of range(CPU_CALLS)) {
  fib(FIB_N);
  m.tick();
}
m.end();

// 2. Concurrently through runProcess, at most LIMIT scripts at a time.
const limit = createLimit(LIMIT);
m = measure("limited", "scripts", SCRIPTS);
await Promise.all(range(SCRIPTS).map((i) => limit(() => runProcess(script(i))).then(m.tick)));
m.end();

// 3. CPU work through toProcess: a pool of one worker process per core, started on first use.
const pool = toProcess.pool({ maxWorkers: WORKERS });
try {
  m = measure("toProcess", "cpu", CPU_CALLS);
  await Promise.all(range(CPU_CALLS).map(() => pool.run(cpuModule, "fib", [FIB_N]).then(m.tick)));
  m.end();
} finally {
  await pool.close();
}
