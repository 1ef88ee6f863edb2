// The demo: runs the same batch on Node, Bun and Deno (each through `anyproc`, which picks its own adapter),
// itself driving the three runtimes concurrently with anyproc, then prints what happened on each.
import { fileURLToPath } from "node:url";
import { runProcess } from "anyproc";

const here = fileURLToPath(new URL(".", import.meta.url));
const bin = (name) => fileURLToPath(new URL(`./node_modules/.bin/${name}`, import.meta.url));
const runtimes = {
  node: [process.execPath, "src/batch.mjs"],
  bun: [bin("bun"), "src/batch.mjs"],
  deno: [bin("deno"), "run", "--allow-run", "--allow-read", "--allow-env", "src/batch.mjs"],
};

console.log("anyproc demo: the same batch on Node, Bun and Deno, the three runtimes started concurrently\n");
const results = await Promise.all(
  Object.entries(runtimes).map(async ([name, argv]) => {
    const started = performance.now();
    const run = await runProcess(argv, { cwd: here, check: false, timeout: 60_000 });
    const ms = performance.now() - started;
    if (run.exitCode !== 0) return { name, error: run.stderr.trim() || `exit ${run.exitCode ?? run.signal}` };
    return { name, ms, ...JSON.parse(run.stdout.trim().split("\n").pop()) };
  }),
);

const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad("runtime", 8)} ${pad("8 jobs one by one", 18)} ${pad("8 jobs, 4 at a time", 20)} ${pad("speed-up", 9)} streamed lines`);
let failures = 0;
for (const r of results) {
  if (r.error) {
    failures++;
    console.log(`${pad(r.name, 8)} failed: ${r.error}`);
    continue;
  }
  const speedup = (r.sequentialMs / r.concurrentMs).toFixed(1);
  console.log(
    `${pad(r.name, 8)} ${pad(`${r.sequentialMs.toFixed(0)} ms`, 18)} ${pad(`${r.concurrentMs.toFixed(0)} ms`, 20)} ${pad(`${speedup}x`, 9)} ${r.stream.seen.join(", ")}`,
  );
}
console.log();
for (const r of results) if (!r.error) console.log(`${pad(r.name, 5)} sample: ${r.sample}; handled failure: ${r.failed}`);
process.exitCode = failures ? 1 : 0;
