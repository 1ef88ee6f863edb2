// CPU pinning for the round-trip measurement (Linux, via taskset): the caller and its worker on one CPU, or on
// two, so every run measures one placement instead of whichever the scheduler picked (on this 2-vCPU VM an
// unpinned run lands at ≈20 µs or ≈70 µs per round trip depending on it).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import process from "node:process";

/** The pids of the direct children of `pid` (any of its threads may have spawned them). */
export function childPids(pid = "self") {
  const pids = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      pids.push(...readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean).map(Number));
    } catch {
      // The thread ended while we looked.
    }
  }
  return pids;
}

/** Pins every thread of `pid` to `cpu`, and with `tree` every descendant's too. */
function pin(pid, cpu, tree = false) {
  execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
  if (tree) for (const child of childPids(pid)) pin(child, cpu, true);
}

/** Where the caller and its workers run: "cross" (cpu 0 and cpu 1), "same" (both on cpu 0) or unpinned. */
export const PLACEMENTS = {
  cross: { caller: 0, workers: 1, text: "caller on cpu 0, workers on cpu 1" },
  same: { caller: 0, workers: 0, text: "caller and workers on cpu 0" },
};

/**
 * Pins this process and each of its children as `placement` says; returns its description, or null where
 * it cannot pin (one CPU, no taskset, or no placement asked for).
 */
export function pinPlacement(placement) {
  const where = PLACEMENTS[placement];
  if (!where || availableParallelism() < 2) return null;
  try {
    pin(process.pid, where.caller);
    for (const pid of childPids()) pin(pid, where.workers, true);
  } catch {
    return null;
  }
  return where.text;
}
