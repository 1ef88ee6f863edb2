// Spawn latency against the caller's RSS (issue 5): sequential spawn+wait of /bin/true for native
// child_process.spawn (stdio ignored), anyproc's default runProcess and runProcess through the spawn helper.
//
// Each measuring process starts the helper while small, then for each ballast size in turn (growing a
// touched ballast to it) times the three variants interleaved, spawn by spawn, so that load from other
// processes hits all three alike. The table gives, per cell, the median over the processes of each
// process's median [min..max over the processes]; the ratio column is computed within each process.
//
//   node packages/node/bench/spawn-heap.mjs [--runs 5] [--ballast 0,1024] [--spawns 60] [--kind buffer|objects]
//   node packages/node/bench/spawn-heap.mjs --one <ballasts> <spawns> <kind>    (one measuring process; JSON)
//
// Needs a build (packages/node/dist). Prints a Markdown table.
import { execFileSync, spawn } from "node:child_process";
import { parseArgs } from "node:util";

const DIST = new URL("../dist/index.js", import.meta.url).href;
const WARMUP = 5;
const VARIANTS = ["native", "default", "helper"];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    one: { type: "boolean" },
    runs: { type: "string", default: "5" },
    ballast: { type: "string", default: "0,1024" },
    spawns: { type: "string", default: "60" },
    kind: { type: "string", default: "buffer" },
  },
});

if (values.one) await measureOne(positionals[0].split(",").map(Number), Number(positionals[1]), positionals[2]);
else drive();

/** One process: start the helper while small, then per ballast size grow and time the variants interleaved. */
async function measureOne(ballasts, spawns, kind) {
  const node = await import(DIST);
  const helper = node.startSpawnHelper();
  await helper.runProcess(["/bin/true"]); // the helper is running before the caller grows
  const once = {
    native: () => new Promise((resolve, reject) => spawn("/bin/true", [], { stdio: "ignore" }).once("exit", resolve).once("error", reject)),
    default: () => node.runProcess(["/bin/true"]),
    helper: () => helper.runProcess(["/bin/true"]),
  };
  const keep = [];
  let grown = 0;
  const rows = [];
  for (const ballast of ballasts) {
    keep.push(grow(ballast - grown, kind));
    grown = ballast;
    for (const variant of VARIANTS) for (let i = 0; i < WARMUP; i++) await once[variant]();
    const times = Object.fromEntries(VARIANTS.map((v) => [v, []]));
    for (let i = 0; i < spawns; i++) {
      for (let k = 0; k < VARIANTS.length; k++) {
        const variant = VARIANTS[(i + k) % VARIANTS.length];
        const start = process.hrtime.bigint();
        await once[variant]();
        times[variant].push(Number(process.hrtime.bigint() - start) / 1e3);
      }
    }
    const rssMB = Math.round(process.memoryUsage().rss / 2 ** 20);
    rows.push({ ballast, rssMB, ...Object.fromEntries(VARIANTS.map((v) => [v, median(times[v])])) });
  }
  console.log(JSON.stringify({ rows, kept: keep.length }));
  await helper.close();
}

/** A ballast of `mb` MiB with every page touched: one Buffer, or small objects on the JS heap. */
function grow(mb, kind) {
  if (mb <= 0) return null;
  if (kind === "buffer") return Buffer.alloc(mb * 2 ** 20, 1);
  const objects = [];
  // ~ 160 bytes of RSS per { a, b, c } object with its 16-char string (measured): mb MiB in all.
  for (let i = 0; i < (mb * 2 ** 20) / 160; i++) objects.push({ a: i, b: `s${i}`.padEnd(16, "x"), c: null });
  return objects;
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Runs `runs` measuring processes one after another and prints the table. */
function drive() {
  const runs = Number(values.runs);
  const results = [];
  for (let run = 0; run < runs; run++) {
    const args = ["--max-old-space-size=4096", new URL(import.meta.url).pathname, "--one", values.ballast, values.spawns, values.kind];
    const { rows } = JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }).trim().split("\n").pop());
    results.push(rows);
    const text = rows.map((r) => `${r.rssMB} MB: ${VARIANTS.map((v) => `${v} ${Math.round(r[v])}`).join(", ")} µs`).join("; ");
    process.stderr.write(`run ${run + 1}/${runs}: ${text}\n`);
  }
  const cell = (list) => `${fmt(median(list))} [${fmt(Math.min(...list))}..${fmt(Math.max(...list))}]`;
  const fmt = (us) => (us >= 10_000 ? `${(us / 1000).toFixed(1)} ms` : `${(us / 1000).toFixed(2)} ms`);
  console.log(
    `\nper spawn of /bin/true: median over ${runs} processes of each one's median of ${values.spawns} interleaved spawns [min..max]; ballast: ${values.kind}\n`,
  );
  console.log(
    "| caller RSS | native cp.spawn, stdio ignored | anyproc runProcess (default) | runProcess via spawn helper | helper ÷ default at the smallest size |",
  );
  console.log("|---|---|---|---|---|");
  results[0].forEach((_, i) => {
    const at = results.map((rows) => rows[i]);
    const ratio = median(results.map((rows) => rows[i].helper / rows[0].default));
    const cells = VARIANTS.map((v) => cell(at.map((r) => r[v])));
    console.log(`| ~${median(at.map((r) => r.rssMB))} MB | ${cells.join(" | ")} | ${ratio.toFixed(2)}× |`);
  });
}
