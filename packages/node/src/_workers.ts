/**
 * Scripts and toProcess workers on Node.js: `node` processes with the caller's TypeScript flags. A worker runs
 * the bundled program of ./worker.ts, read from its stdin, so no file of this package is needed at run time.
 * In a single executable application (`node --experimental-sea-config`) the executable runs only its embedded
 * script, so a worker is the application itself: see {@link serveIfStartedAsWorker}.
 *
 * While a spawn helper serves (see ./spawn-helper.ts), the workers of every pool on the Node adapters are started
 * through it: libuv starts a child with fork(), whose cost grows with the caller's memory, and a worker start is
 * a whole Node start anyway, so the helper's request and reply cost next to nothing there.
 */
import { onCallerExit, scriptSupport, serveIfStartedAsWorker, type WorkerLaunch, workerSupport } from "@anyproc/channel";
import type { WorkerSupport } from "@anyproc/core";
import { STRIPS_TYPES, TYPESCRIPT_HINT } from "./_typescript.js";

/** Flags of the caller a worker needs to import the same modules (TypeScript stripping, conditions). */
const INHERITED_FLAGS = /^--(experimental-strip-types|experimental-transform-types|no-experimental-strip-types|conditions[= ]|no-warnings)/;

/**
 * True in a single executable application. `node:sea` is looked up when asked (it exists only with its prefix,
 * from Node 20.12; the build drops `node:` prefixes of static imports, and Bun and Deno running this adapter lack it).
 */
function isSea(): boolean {
  try {
    const lookup = (process as { getBuiltinModule?: (id: string) => { isSea?: () => boolean } | undefined }).getBuiltinModule;
    return lookup?.("node:sea")?.isSea?.() === true;
  } catch {
    return false;
  }
}

const runtimeArgv = () => [process.execPath, ...process.execArgv.filter((flag) => INHERITED_FLAGS.test(flag))];

/** Starting scripts with `node`. */
export const scripts = scriptSupport(runtimeArgv);

const launch: WorkerLaunch = {
  stdinArgv: () => [...runtimeArgv(), "--input-type=module", "-"],
  // A module of its own, which esbuild splits off: only a process that starts workers loads the program's text.
  program: () => import("./_generated/worker-source.js").then((module) => module.default),
  standalone: isSea,
  typescript: STRIPS_TYPES,
  typescriptHint: TYPESCRIPT_HINT,
  onCallerExit,
};

/** Starts one worker process: see `WorkerSupport.spawn`. */
export type WorkerLauncher = NonNullable<WorkerSupport["spawn"]>;

/**
 * The launchers of the spawn helpers that run, the most recently started last. One list per process, kept on
 * `globalThis`, so that every copy of this adapter shares it: `anyproc` carries its own copy of the adapter,
 * a bundler may make another, and the helper of `@anyproc/node/spawn-helper` must serve them all.
 */
const launchers: WorkerLauncher[] = sharedList(Symbol.for("anyproc.node.workerLaunchers.v1"));

/** The list kept on `globalThis` under `key`, made empty by the first copy that asks. */
function sharedList<T>(key: symbol): T[] {
  const global = globalThis as Record<symbol, T[] | undefined>;
  const list = global[key] ?? [];
  global[key] = list;
  return list;
}

/**
 * Has `launcher` start the toProcess workers of this adapter's pools, in every copy of it, until the returned
 * function is called. The most recently added launcher still in place is the one used; with none, workers start
 * as other children do.
 */
export function addWorkerLauncher(launcher: WorkerLauncher): () => void {
  launchers.push(launcher);
  return () => {
    const at = launchers.indexOf(launcher);
    if (at !== -1) launchers.splice(at, 1);
  };
}

/** The Node.js toProcess support whose workers are started by the adapter's own spawn, whatever runs. */
export const ownWorkers: WorkerSupport = workerSupport(launch);

/**
 * The Node.js toProcess support: that of {@link ownWorkers}, with `spawn` read at each worker start (as core's
 * pool reads it) so that it names the launcher in place then, if any.
 */
export const workers: WorkerSupport = Object.defineProperty({ ...ownWorkers }, "spawn", {
  enumerable: true,
  get: (): WorkerLauncher | undefined => launchers[launchers.length - 1],
});

/**
 * Serves toProcess calls when this process is a single executable application started as a worker (other
 * workers run the bundled program). Node has no top-level await in CommonJS, which such applications use, so
 * the program's own code still runs: it sees `toProcess.isWorker` true, and a pool it would start is refused.
 */
export const serveIfWorker = (): void => void serveIfStartedAsWorker(launch);
