// The demo: how to run many scripts and CPU-heavy functions efficiently. Runs the same batch (src/batch.mjs)
// on Node, Bun and Deno, one runtime after the other so that each gets the machine to itself, shows live
// progress from the batches' JSON lines, and ends with one table of wall times and speed-ups.
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { lines, openProcess, text } from "anyproc";
import { createProgress, isInteractive } from "./src/progress.mjs";
import { formatTable } from "./src/table.mjs";
import { parseEvent } from "./src/ways.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const bin = (name) => fileURLToPath(new URL(`./node_modules/.bin/${name}`, import.meta.url));
const batch = ["src/batch.mjs", ...process.argv.slice(2)];
/** How to start each runtime on the batch. Deno needs permissions: run (scripts), net (toProcess's socket) and more. */
const RUNTIMES = {
  node: [process.execPath, ...batch],
  bun: [bin("bun"), ...batch],
  deno: [bin("deno"), "run", "--allow-run", "--allow-read", "--allow-env", "--allow-net", "--allow-sys", ...batch],
};

/** Runs the batch on one runtime, passing each event to `onEvent`; resolves its timings, or why it failed. */
async function runBatch(runtime, argv, onEvent) {
  const result = { runtime, config: null, times: {} };
  const proc = await openProcess(argv, { cwd: here, stdin: "ignore", timeout: 60_000, env: { NO_COLOR: "1" } });
  try {
    const stderr = text(proc.stderr).catch(() => "");
    for await (const line of lines(proc.stdout)) {
      const event = parseEvent(line);
      if (!event) continue;
      if (event.type === "start") result.config = event;
      if (event.type === "time") result.times[event.way] = { ...result.times[event.way], [event.task]: event.ms };
      onEvent(event);
    }
    const status = await proc.wait();
    if (status.exitCode !== 0) {
      // The first line of an uncaught error names it ("error: Uncaught (in promise) NotCapable: ..."); the stack follows.
      const why = (await stderr).trim().split("\n")[0] || "no output on stderr";
      const printable = [...why].filter((c) => c >= " ").join(""); // an abstract socket name holds a NUL
      result.error = `${status.signal ?? `exit code ${status.exitCode}`}: ${printable}`;
    }
  } catch (error) {
    result.error = error.message;
  } finally {
    await proc[Symbol.asyncDispose]();
  }
  return result;
}

const names = Object.keys(RUNTIMES);
const loads = [loadavg()[0]];
console.log(
  `anyproc demo: the same batch on ${names.join(", ")} (${availableParallelism()} CPUs), one runtime after the other:\n` +
    "small scripts (~200 ms each) and CPU-bound calls, first one after another, then the scripts through\n" +
    "runProcess with a concurrency limit and the CPU calls through toProcess.\n",
);
const progress = createProgress(names, {
  write: (s) => process.stdout.write(s),
  interactive: isInteractive(process.stdout, process.env),
  columns: process.stdout.columns || 80,
});
const ticker = setInterval(progress.redraw, 250);
const results = [];
try {
  for (const [runtime, argv] of Object.entries(RUNTIMES)) {
    progress.start(runtime);
    const result = await runBatch(runtime, argv, (event) => progress.update(runtime, event));
    progress.finish(runtime, result.error);
    results.push(result);
    loads.push(loadavg()[0]);
  }
} finally {
  clearInterval(ticker);
}

console.log(`\n${formatTable(results)}\n`);
console.log("speed-up: wall time one after another ÷ wall time of the way, for the same task on the same runtime.");
console.log(
  `toProcess divides CPU time at best by the number of free cores: ${availableParallelism()} CPUs here; load average ` +
    `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the run, this demo included.`,
);
process.exitCode = results.some((r) => r.error) ? 1 : 0;
