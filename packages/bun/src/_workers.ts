/** Scripts and toProcess workers on Bun: `bun` processes; Bun runs TypeScript modules natively. */
import { scriptSupport, workerSupport } from "@anyproc/channel";

const dist = new URL("../dist/", import.meta.url);

/** Starting scripts with `bun`. */
export const scripts = scriptSupport(() => [process.execPath], dist);

/** The Bun toProcess support. */
export const workers = workerSupport(scripts, dist);
