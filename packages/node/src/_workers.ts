/** Scripts and toProcess workers on Node.js: `node` processes with the caller's TypeScript flags. */
import { scriptSupport, workerSupport } from "@anyproc/channel";

/** Flags of the caller a worker needs to import the same modules (TypeScript stripping, conditions). */
const INHERITED_FLAGS = /^--(experimental-strip-types|experimental-transform-types|no-experimental-strip-types|conditions[= ]|no-warnings)/;

const dist = new URL("../dist/", import.meta.url);

/** Starting scripts with `node`. */
export const scripts = scriptSupport(() => [process.execPath, ...process.execArgv.filter((flag) => INHERITED_FLAGS.test(flag))], dist);

/** The Node.js toProcess support. */
export const workers = workerSupport(scripts, dist);
