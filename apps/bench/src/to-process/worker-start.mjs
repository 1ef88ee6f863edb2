// What a call that starts a toProcess worker costs against the size of the caller (Node): the first call of a
// fresh 1-worker pool, and the call after its worker died (killed) and had to be replaced, each timed at the
// process's own small heap and again after growing the spawn-heap suite's ballast of ~1 GiB (one Buffer with
// every page touched). Optionally a spawn helper is started first, while the caller is small.
import { fromAnyproc } from "../spawn/anyproc-ops.mjs";
import { grow, median } from "../spawn-heap/measure-one.mjs";

const WORK = new URL("./work.mjs", import.meta.url);
/** Fresh pools per heap size, each giving one first call and one call after a replaced worker. */
export const START_SAMPLES = 5;
/** The ballast grown between the two sizes: MiB, and the spawn-heap suite's kind. */
export const BALLAST = { mib: 1024, kind: "buffer" };

const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20);

/** One pool: ms of its first call, and of the call after its worker was killed. */
async function sample(toProcess) {
  const pool = toProcess.pool({ maxWorkers: 1 });
  try {
    let began = performance.now();
    if ((await pool.run(WORK, "echo", [1])) !== 1) throw new Error("echo(1) did not return 1");
    const first = performance.now() - began;
    const error = await pool.run(WORK, "die").then(
      () => null,
      (e) => e,
    );
    if (error?.name !== "BrokenWorkerError") throw new Error(`die() did not break its worker: ${error}`);
    began = performance.now();
    if ((await pool.run(WORK, "echo", [1])) !== 1) throw new Error("echo(1) did not return 1");
    return { first, replaced: performance.now() - began };
  } finally {
    await pool.close();
  }
}

/** {@link START_SAMPLES} samples after one warm-up: the median of each figure, in ms. */
async function atThisSize(toProcess) {
  await sample(toProcess);
  const samples = [];
  for (let i = 0; i < START_SAMPLES; i++) samples.push(await sample(toProcess));
  return { first: median(samples.map((s) => s.first)), replaced: median(samples.map((s) => s.replaced)), rss: rssMiB() };
}

/**
 * Measures at the small heap, grows the ballast, measures again. `helper`: start the spawn helper of
 * @anyproc/node first and wait until it serves. Resolves to the figures (ms, and each ratio of the large heap's to
 * the small heap's measured in this process) as `[{ key, value, unit }]`.
 */
export async function workerStart(helper) {
  const { toProcess } = await import("anyproc");
  let spawnHelper = null;
  if (helper) {
    const { startSpawnHelper } = (await fromAnyproc("@anyproc/node/spawn-helper")) ?? {};
    if (typeof startSpawnHelper !== "function") throw new Error("@anyproc/node/spawn-helper does not export startSpawnHelper");
    spawnHelper = startSpawnHelper();
    await spawnHelper.runProcess(["/bin/true"]); // serving before the caller grows
  }
  try {
    const small = await atThisSize(toProcess);
    const ballast = grow(BALLAST.mib, BALLAST.kind);
    const large = await atThisSize(toProcess);
    if (ballast === null) throw new Error("no ballast");
    return [
      { key: "firstSmall", value: small.first, unit: "ms" },
      { key: "firstLarge", value: large.first, unit: "ms" },
      { key: "firstRatio", value: large.first / small.first, unit: "×" },
      { key: "replacedSmall", value: small.replaced, unit: "ms" },
      { key: "replacedLarge", value: large.replaced, unit: "ms" },
      { key: "replacedRatio", value: large.replaced / small.replaced, unit: "×" },
      { key: "rssSmall", value: small.rss, unit: "MiB" },
      { key: "rssLarge", value: large.rss, unit: "MiB" },
    ];
  } finally {
    await spawnHelper?.close();
  }
}
