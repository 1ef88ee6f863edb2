// The bench command: runs the toProcess suite (issue 3) and the spawn suite (issue 5) in fresh node, bun and
// deno processes, round-robin; prints the side-by-side tables and budget checks, writes results/ (JSON,
// markdown, SVG chart) and exits non-zero when a budget is missed.
//   node run.mjs [--only=spawn|to-process] [--runs=N] [--quick] [--no-budget]
// `--quick` is a smoke run (one process per figure, smaller streams, shorter timings): figures are not
// comparable with a full run and the budgets are reported but never fail it.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { staleBuilds } from "./src/build-check.mjs";
import { runSpawnSuite } from "./src/spawn/suite.mjs";
import { runToProcessSuite } from "./src/to-process-suite.mjs";

const SUITES = ["to-process", "spawn"];
const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.includes("--quick");
const budget = !args.includes("--no-budget") && !quick;
const runs = flag("runs") !== undefined ? Number(flag("runs")) : quick ? 1 : 5;
const only = flag("only");
const known = (a) => ["--quick", "--no-budget"].includes(a) || /^--(runs|only)=/.test(a);
if (args.some((a) => !known(a)) || !Number.isInteger(runs) || runs < 1 || (only !== undefined && !SUITES.includes(only))) {
  console.error(`usage: node run.mjs [--only=${SUITES.join("|")}] [--runs=N] [--quick] [--no-budget]   (N ≥ 1, default 5; --quick: 1)`);
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
if (only !== "spawn") {
  const run = await runToProcessSuite({ runs, here, command, quick });
  missed.push(...run.checks.filter((c) => !c.met).map((c) => `toProcess ${c.runtime}: ${c.target}`));
  failed += run.failures.length;
}
if (only !== "to-process") {
  if (only !== "spawn") console.log("");
  const run = await runSpawnSuite({ runs, here, command, quick });
  missed.push(...run.checks.filter((c) => c.budget && !c.met).map((c) => `spawn ${c.runtime}: ${c.target}`));
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
