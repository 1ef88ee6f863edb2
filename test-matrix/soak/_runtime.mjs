// The few things the workload asks of its runtime that differ between Node, Bun and Deno.
import process from "node:process";

/** `node`, `bun` or `deno`. */
export const runtime = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";

/** The runtime's own version, without a leading `v`. */
export const runtimeVersion =
  runtime === "deno" ? globalThis.Deno.version.deno : runtime === "bun" ? globalThis.Bun.version : process.versions.node;

/**
 * Counts unhandled promise rejections from now on: process `unhandledRejection` on Node and Bun, the
 * `unhandledrejection` event on Deno. Each is marked handled, so the runtime does not exit over it.
 * @returns {{ count: number, samples: string[] }}
 */
export function trackUnhandledRejections() {
  const seen = { count: 0, samples: [] };
  const note = (reason) => {
    seen.count += 1;
    if (seen.samples.length < 5)
      seen.samples.push(String(reason instanceof Error ? `${reason.name}: ${reason.message}` : reason).slice(0, 300));
  };
  if (runtime === "deno") {
    globalThis.addEventListener("unhandledrejection", (event) => {
      event.preventDefault();
      note(event.reason);
    });
  } else {
    process.on("unhandledRejection", note);
  }
  return seen;
}
