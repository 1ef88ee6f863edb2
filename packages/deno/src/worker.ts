/** The entry of a toProcess worker on Deno (see `runWorker` in @anyproc/channel). */
import { runWorker } from "@anyproc/channel";

await runWorker();
