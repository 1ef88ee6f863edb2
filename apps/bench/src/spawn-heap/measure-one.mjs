// One spawn-heap measuring process (Node only): spawn latency against the caller's RSS. It starts the spawn
// helper of @anyproc/node while small, then for each ballast size in turn grows a ballast whose every page is
// touched and times three variants interleaved, spawn by spawn, so that load from other processes hits all
// three alike: native `child_process.spawn` with stdio ignored, anyproc's default `runProcess`, and
// `runProcess` through the spawn helper, each a sequential spawn-and-wait of /bin/true.
import { spawn } from "node:child_process";
import { fromAnyproc } from "../spawn/anyproc-ops.mjs";

/** Spawns of each variant before the timed ones, at every size. */
const WARMUP = 5;
/** The variants, in the order of the table's columns. */
export const VARIANTS = ["native", "default", "helper"];
/** The kinds of ballast: one Buffer, or small objects on the JS heap. */
export const KINDS = ["buffer", "objects"];

/** The arguments `measure-one.mjs spawn-heap` takes. */
export const USAGE = `<ballast MiB,…> <spawns> <${KINDS.join("|")}>`;

/** A ballast of `mb` MiB with every page touched: one Buffer, or small objects on the JS heap. */
export function grow(mb, kind) {
  if (mb <= 0) return null;
  if (kind === "buffer") return Buffer.alloc(mb * 2 ** 20, 1);
  const objects = [];
  // ~ 160 bytes of RSS per { a, b, c } object with its 16-char string (measured): mb MiB in all.
  for (let i = 0; i < (mb * 2 ** 20) / 160; i++) objects.push({ a: i, b: `s${i}`.padEnd(16, "x"), c: null });
  return objects;
}

/** The middle element of `xs` sorted (the upper one of an even count). */
export function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Measures at each ballast size (the arguments `[ballasts, spawns, kind]`, ballasts in MiB, comma-separated):
 * resolves to `{ rows, kept }`, one row per size `{ ballast, rssMB, native, default, helper }` (the median µs
 * of `spawns` interleaved spawns each), or null when the arguments do not parse.
 */
export async function measureOne([ballastText, spawnsText, kind]) {
  const ballasts = String(ballastText).split(",").map(Number);
  const spawns = Number(spawnsText);
  if (ballasts.some((b) => !Number.isFinite(b)) || !Number.isInteger(spawns) || spawns < 1 || !KINDS.includes(kind)) return null;
  const [node, { startSpawnHelper }] = await Promise.all([
    fromAnyproc("@anyproc/node"),
    fromAnyproc("@anyproc/node/spawn-helper").then((m) => m ?? {}),
  ]);
  if (typeof startSpawnHelper !== "function")
    throw new Error("@anyproc/node/spawn-helper does not export startSpawnHelper (run `pnpm build`)");
  const helper = startSpawnHelper();
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
  await helper.close();
  return { rows, kept: keep.length };
}
