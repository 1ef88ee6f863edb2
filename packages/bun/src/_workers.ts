/**
 * Scripts and toProcess workers on Bun: `bun` processes; Bun runs TypeScript modules natively. A worker runs
 * the bundled program of ./worker.ts, read from its stdin, so no file of this package is needed at run time.
 * In a single-file binary (`bun build --compile`) the executable runs only the program built into it, and
 * the modules built into it exist only there: a worker is the binary itself (see {@link serveIfStartedAsWorker}).
 * Workers are started by the adapter's spawn with pipes that never keep the caller alive (see {@link bunWorkers}).
 */
import { onCallerExit, scriptSupport, serveIfStartedAsWorker, type WorkerLaunch, workerSupport } from "@anyproc/channel";
import type { SpawnedChild, SpawnRequest, WorkerSupport } from "@anyproc/core";
import { engines } from "./_generated/engines.js";

const standalone = () => (globalThis as { Bun?: { isStandaloneExecutable?: boolean } }).Bun?.isStandaloneExecutable === true;

/** Starting scripts with `bun`. */
export const scripts = scriptSupport(() => [process.execPath]);

const launch: WorkerLaunch = {
  stdinArgv: () => [process.execPath, "-"],
  // A module of its own, which esbuild splits off: only a process that starts workers loads the program's text.
  program: () => import("./_generated/worker-source.js").then((module) => module.default),
  standalone,
  onCallerExit,
  floor: () => ({
    runtime: "Bun",
    version: Bun.version,
    range: engines.bun ?? "",
    why: "older Bun closes a Unix socket for good once one side ends it, which loses the reply of a running call",
  }),
};

/**
 * The Bun toProcess support, starting workers with `spawn`: the adapter's spawn with output pipes made so that
 * they never keep the caller alive by themselves, since an idle worker's stderr stays open to its pool (see
 * `spawnChild`'s `pipesKeepAlive`). Passed in by the adapter, which imports this module.
 */
export const bunWorkers = (spawn: (request: SpawnRequest) => Promise<SpawnedChild>): WorkerSupport => workerSupport({ ...launch, spawn });

/**
 * In a single-file binary started as a worker by its pool, serves calls and never settles, so the entry that
 * awaits it at top level keeps the program's own code from running; otherwise undefined.
 */
export const serveIfWorker = () => serveIfStartedAsWorker(launch);
