// Peak resident memory of this process over a stretch of work (Linux): writing 5 to /proc/self/clear_refs
// resets the high-water mark VmHWM, which then holds the peak RSS reached since, however brief.
import { readFileSync, writeFileSync } from "node:fs";

const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync("/proc/self/status", "utf8"))?.[1]) * 1024;

/** Runs a full garbage collection where the runtime allows it (node --expose-gc, deno --v8-flags=--expose-gc, Bun). */
export function collectGarbage() {
  if (typeof globalThis.Bun !== "undefined") globalThis.Bun.gc(true);
  else globalThis.gc?.();
}

/** Starts watching; `stop()` returns how many bytes the peak RSS rose above the RSS at the start. */
export function watchPeakRss() {
  writeFileSync("/proc/self/clear_refs", "5");
  const start = kib("VmRSS");
  return () => kib("VmHWM") - start;
}
