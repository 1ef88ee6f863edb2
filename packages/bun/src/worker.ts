/** The entry of a toProcess worker on Bun (see `runWorker` in @anyproc/channel). */
import { runWorker } from "@anyproc/channel";

await runWorker();
