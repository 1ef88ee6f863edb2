/**
 * Scripts and toProcess workers on Bun: `bun` processes; Bun runs TypeScript modules natively. A worker runs
 * the bundled program of ./worker.ts, read from its stdin, so no file of this package is needed at run time.
 * In a single-file binary (`bun build --compile`) the executable runs only the program built into it, and
 * the modules built into it exist only there: a worker is the binary itself (see {@link serveIfStartedAsWorker}).
 */
import { runWorker, scriptSupport, startedAsWorker, workerSupport } from "@anyproc/channel";
import program from "./_generated/worker-source.js";

const standalone = () => (globalThis as { Bun?: { isStandaloneExecutable?: boolean } }).Bun?.isStandaloneExecutable === true;

/** Starting scripts with `bun`. */
export const scripts = scriptSupport(
  () => [process.execPath],
  () => new URL("../dist/", import.meta.url),
);

/** The Bun toProcess support. */
export const workers = workerSupport({ stdinArgv: () => [process.execPath, "-"], program, standalone });

/**
 * When this process was started as a worker (a single-file binary re-run by its pool), serves calls until the
 * pool is done and exits; the returned promise never settles then, so the entry that awaits it at top level
 * keeps the program's own code from running. Otherwise returns undefined.
 */
export function serveIfStartedAsWorker(): Promise<never> | undefined {
  return startedAsWorker() ? runWorker() : undefined;
}
