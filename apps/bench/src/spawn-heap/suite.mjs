// The spawn-heap suite (Node only): spawn latency against the caller's RSS, for native child_process, anyproc's
// default runProcess and runProcess through the spawn helper. Runs `runs` measuring processes one after
// another (`node --max-old-space-size=4096 measure-one.mjs spawn-heap …`), writes each process's figures to
// stderr and prints the table as markdown: per cell the median over the processes of each process's median
// [min..max over the processes]; the ratio column is computed within each process. It writes no files.
import { execFileSync } from "node:child_process";
import { RUNTIMES as TABLE } from "../../../../test-matrix/lib/runtimes.mjs";
import { markdownTable } from "../shared/report.mjs";
import { MEASURE_ONE } from "../shared/runtimes.mjs";
import { median, VARIANTS } from "./measure-one.mjs";

/** The Node lines the suite can measure on (`--node`): the Node runtimes of the repository's table of runtimes. */
export const NODE_LINES = Object.keys(TABLE).filter((name) => TABLE[name].name === "node");

/** Ballast sizes (MiB) and spawns per variant and size, for a full run and for `--quick`. */
export const SPAWN_HEAP_DEFAULTS = {
  full: { ballast: "0,1024", spawns: 60, kind: "buffer" },
  quick: { ballast: "0,256", spawns: 10, kind: "buffer" },
};

const HEADER = [
  "caller RSS",
  "native cp.spawn, stdio ignored",
  "anyproc runProcess (default)",
  "runProcess via spawn helper",
  "helper ÷ default at the smallest size",
];

const fmt = (us) => (us >= 10_000 ? `${(us / 1000).toFixed(1)} ms` : `${(us / 1000).toFixed(2)} ms`);
const cell = (list) => `${fmt(median(list))} [${fmt(Math.min(...list))}..${fmt(Math.max(...list))}]`;

/** The table of the rows every process measured (`results[process][size]`), header first. */
function heapTable(results) {
  return [
    HEADER,
    ...results[0].map((_, i) => {
      const at = results.map((rows) => rows[i]);
      const ratio = median(results.map((rows) => rows[i].helper / rows[0].default));
      return [`~${median(at.map((r) => r.rssMB))} MB`, ...VARIANTS.map((v) => cell(at.map((r) => r[v]))), `${ratio.toFixed(2)}×`];
    }),
  ];
}

/**
 * Runs the suite on the Node line `node` (a key of the table of runtimes): `runs` processes, each growing
 * through the `ballast` sizes (MiB, comma-separated) with a ballast of `kind` and timing `spawns` interleaved
 * spawns per variant at each. Returns `{ checks: [], failures }` (the suite sets no budget; a process that
 * fails ends the suite with one failure).
 */
export function runSpawnHeapSuite({ runs, ballast, spawns, kind, node = "node" }) {
  const bin = TABLE[node]?.bin();
  if (!bin) return { checks: [], failures: [`spawn-heap: ${node} is not installed (run the repository's pnpm install)`] };
  const version = execFileSync(bin, ["-p", "process.version"], { encoding: "utf8" }).trim();
  console.log(
    `spawn-heap bench on Node ${version}: ${runs} measuring processes, ballast ${ballast} MiB (${kind}), ${spawns} spawns per variant and size\n`,
  );
  const results = [];
  for (let run = 0; run < runs; run++) {
    const argv = ["--max-old-space-size=4096", MEASURE_ONE, "spawn-heap", ballast, String(spawns), kind];
    let rows;
    try {
      ({ rows } = JSON.parse(execFileSync(bin, argv, { encoding: "utf8" }).trim().split("\n").pop()));
    } catch (error) {
      const failure = `spawn-heap run ${run + 1}: ${
        String(error?.stderr || error?.message || error)
          .trim()
          .split("\n")[0]
      }`;
      console.error(`failed: ${failure}`);
      return { checks: [], failures: [failure] };
    }
    results.push(rows);
    const text = rows.map((r) => `${r.rssMB} MB: ${VARIANTS.map((v) => `${v} ${Math.round(r[v])}`).join(", ")} µs`).join("; ");
    process.stderr.write(`run ${run + 1}/${runs}: ${text}\n`);
  }
  console.log(
    `\nper spawn of /bin/true: median over ${runs} processes of each one's median of ${spawns} interleaved spawns [min..max]; ballast: ${kind}\n`,
  );
  console.log(markdownTable(heapTable(results), HEADER.length));
  return { checks: [], failures: [] };
}
