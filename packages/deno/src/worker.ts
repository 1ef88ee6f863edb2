/** The program of a toProcess worker on Deno, bundled into the adapter at build time (see ./_workers.ts). */
import { runWorker } from "@anyproc/channel";

await runWorker();
