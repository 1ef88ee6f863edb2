// The bench command: runs the named suites (by default to-process and spawn), each measurement in a fresh
// node, bun or deno process, round-robin; prints each suite's tables and budget checks, writes results/
// (JSON, markdown, SVG chart) and exits non-zero when a measurement fails or a budget is missed.
//   node run.mjs [to-process] [spawn] [spawn-heap] [pipeline] [cold-start] [--runs=N] [--quick] [--no-budget]
//                [--ballast=MiB,…] [--spawns=N] [--kind=buffer|objects] [--node=node|node22|node24|node26]
//                (the last four: spawn-heap only; --node names the Node line of the table of runtimes to measure)
// `--quick` is a smoke run (one process per figure, smaller streams and ballasts, shorter timings): figures
// are not comparable with a full run and the budgets are reported but never fail it.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { staleBuilds } from "./src/shared/build-check.mjs";
import { KINDS } from "./src/spawn-heap/measure-one.mjs";
import { NODE_LINES, SPAWN_HEAP_DEFAULTS } from "./src/spawn-heap/suite.mjs";
import { SUITES } from "./src/suites.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.includes("--quick");
const budget = !args.includes("--no-budget") && !quick;
const runs = flag("runs") !== undefined ? Number(flag("runs")) : quick ? 1 : 5;
const named = args.filter((a) => !a.startsWith("--"));
const chosen = named.length > 0 ? named : Object.keys(SUITES).filter((name) => SUITES[name].byDefault);
const heapDefaults = quick ? SPAWN_HEAP_DEFAULTS.quick : SPAWN_HEAP_DEFAULTS.full;
const heap = {
  ballast: flag("ballast") ?? heapDefaults.ballast,
  spawns: flag("spawns") !== undefined ? Number(flag("spawns")) : heapDefaults.spawns,
  kind: flag("kind") ?? heapDefaults.kind,
  node: flag("node") ?? "node",
};
const known = (a) => ["--quick", "--no-budget"].includes(a) || /^--(runs|ballast|spawns|kind|node)=/.test(a) || SUITES[a];
if (
  args.some((a) => !known(a)) ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  !/^\d+(,\d+)*$/.test(heap.ballast) ||
  !Number.isInteger(heap.spawns) ||
  heap.spawns < 1 ||
  !KINDS.includes(heap.kind) ||
  !NODE_LINES.includes(heap.node)
) {
  console.error(
    `usage: node run.mjs [${Object.keys(SUITES).join("] [")}] [--runs=N] [--quick] [--no-budget] [--ballast=MiB,…] [--spawns=N] [--kind=${KINDS.join("|")}] [--node=${NODE_LINES.join("|")}]`,
  );
  console.error("  (no suite named: to-process and spawn; N ≥ 1, default 5, --quick: 1)");
  process.exit(2);
}

const stale = staleBuilds();
if (stale.length > 0) {
  console.warn(
    `warning: the build of ${stale.join(", ")} is missing or older than its src; run \`pnpm build\` first (the bench measures dist)\n`,
  );
}

const command = `pnpm --filter @anyproc/bench start${args.length ? ` ${args.join(" ")}` : ""}`;
mkdirSync(`${here}results`, { recursive: true });
const started = Date.now();
const missed = [];
let failed = 0;
for (const [i, name] of chosen.entries()) {
  if (i > 0) console.log("");
  const suite = SUITES[name];
  const run = await suite.run({ runs, here, command, quick, heap });
  missed.push(...suite.missed(run).map((c) => `${suite.label} ${c.runtime}: ${c.target}`));
  failed += run.failures.length;
}
console.log(`\nbench done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (failed > 0) {
  console.error(`${failed} measurement(s) failed`);
  process.exitCode = 1;
} else if (missed.length > 0) {
  console.error(
    `\n${missed.length} budget(s) missed${budget ? "" : quick ? " (--quick: reported only)" : " (--no-budget: reported only)"}:`,
  );
  for (const m of missed) console.error(`  ${m}`);
  if (budget) process.exitCode = 1;
}
