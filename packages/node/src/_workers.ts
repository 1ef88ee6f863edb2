/**
 * Scripts and toProcess workers on Node.js: `node` processes with the caller's TypeScript flags. A worker runs
 * the bundled program of ./worker.ts, read from its stdin, so no file of this package is needed at run time.
 * In a single executable application (`node --experimental-sea-config`) the executable runs only its embedded
 * script, so a worker is the application itself: see {@link serveIfStartedAsWorker}.
 */
import { onCallerExit, scriptSupport, serveIfStartedAsWorker, type WorkerLaunch, workerSupport } from "@anyproc/channel";
import program from "./_generated/worker-source.js";
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
  program,
  standalone: isSea,
  typescript: STRIPS_TYPES,
  typescriptHint: TYPESCRIPT_HINT,
  onCallerExit,
};

/** The Node.js toProcess support. */
export const workers = workerSupport(launch);

/**
 * Serves toProcess calls when this process is a single executable application started as a worker (other
 * workers run the bundled program). Node has no top-level await in CommonJS, which such applications use, so
 * the program's own code still runs: it sees `toProcess.isWorker` true, and a pool it would start is refused.
 */
export const serveIfWorker = (): void => void serveIfStartedAsWorker(launch);
