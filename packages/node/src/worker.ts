/** The program of a toProcess worker on Node.js, bundled into the adapter at build time (see ./_workers.ts). */
import { runWorker } from "@anyproc/channel";
import { TYPESCRIPT_HINT } from "./_typescript.js";

await runWorker(TYPESCRIPT_HINT);
