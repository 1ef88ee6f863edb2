/** toProcess on Node.js: workers are `node` processes running ./worker.js, with the caller's TypeScript flags. */
import { workerSupport } from "@anyproc/channel";

/** Flags of the caller a worker needs to import the same modules (TypeScript stripping, conditions). */
const INHERITED_FLAGS = /^--(experimental-strip-types|experimental-transform-types|no-experimental-strip-types|conditions[= ]|no-warnings)/;

/** The Node.js toProcess support. */
export const workers = workerSupport(
  () => [process.execPath, ...process.execArgv.filter((flag) => INHERITED_FLAGS.test(flag))],
  new URL("../dist/", import.meta.url),
);
