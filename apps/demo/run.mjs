// The demo: runs the same batch on Node, Bun and Deno (each through `anyproc`, which picks its own adapter),
// itself driving the three runtimes concurrently with anyproc, then prints what happened on each.
import { fileURLToPath } from "node:url";
import { runProcess } from "anyproc";

const here = fileURLToPath(new URL(".", import.meta.url));
const bin = (name) => fileURLToPath(new URL(`./node_modules/.bin/${name}`, import.meta.url));
const runtimes = {
  node: [process.execPath, "src/batch.mjs"],
  bun: [bin("bun"), "src/batch.mjs"],
  deno: [bin("deno"), "run", "--allow-run", "--allow-read", "--allow-env", "--allow-net", "--allow-sys", "src/batch.mjs"],
};

console.log("anyproc demo: the same batch on Node, Bun and Deno, one runtime after the other\n");
const results = [];
for (const [name, argv] of Object.entries(runtimes)) {
  process.stdout.write(`  running the batch on ${name}...\n`);
  const run = await runProcess(argv, { cwd: here, check: false, timeout: 120_000 });
  if (run.exitCode !== 0) results.push({ name, error: run.stderr.trim() || `exit ${run.exitCode ?? run.signal}` });
  else results.push({ name, ...JSON.parse(run.stdout.trim().split("\n").pop()) });
}
console.log();

const pad = (s, n) => String(s).padEnd(n);
console.log(
  `${pad("runtime", 8)} ${pad("8 scripts in a row", 19)} ${pad("4 at a time", 12)} ${pad("speed-up", 9)} ${pad("8×fib(36) inline", 17)} ${pad("in toProcess", 13)} ${pad("speed-up", 9)}`,
);
let failures = 0;
for (const r of results) {
  if (r.error) {
    failures++;
    console.log(`${pad(r.name, 8)} failed: ${r.error}`);
    continue;
  }
  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log(
    `${pad(r.name, 8)} ${pad(ms(r.sequentialMs), 19)} ${pad(ms(r.concurrentMs), 12)} ${pad(`${(r.sequentialMs / r.concurrentMs).toFixed(1)}x`, 9)} ${pad(ms(r.cpu.inlineMs), 17)} ${pad(ms(r.cpu.workersMs), 13)} ${(r.cpu.inlineMs / r.cpu.workersMs).toFixed(1)}x`,
  );
}
console.log();
for (const r of results) {
  if (!r.error) console.log(`${pad(r.name, 5)} streamed: ${r.stream.seen.join(", ")}; handled failure: ${r.failed}`);
}
console.log("\nScripts: runProcess with a concurrency limit. CPU work: toProcess, one worker per core, started on first use.");
process.exitCode = failures ? 1 : 0;
