// The pools under test, each opened with a worker count and exposing the same `{ call(value), close() }`:
// anyproc's toProcess, the raw channel baseline, and tinypool's child_process runtime (Node only).

import { runtimeName } from "../shared/runtime.mjs";
import { openRawPool } from "./raw-pool.mjs";

const WORK = new URL("./work.mjs", import.meta.url);

/** Subject name → opener. */
export const SUBJECTS = {
  async anyproc(size) {
    const { toProcess } = await import("anyproc");
    const pool = toProcess.pool({ maxWorkers: size });
    return { call: (value) => pool.run(WORK, "echo", [value]), close: () => pool.close() };
  },
  raw: openRawPool,
  async tinypool(size) {
    if (runtimeName() !== "node") throw new Error("the tinypool subject runs on Node only");
    const { Tinypool } = await import("tinypool");
    const pool = new Tinypool({ filename: WORK.href, name: "echo", runtime: "child_process", minThreads: size, maxThreads: size });
    return { call: (value) => pool.run(value), close: () => pool.destroy() };
  },
};
