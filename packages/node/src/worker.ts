/** The entry of a toProcess worker on Node.js (see `runWorker` in @anyproc/channel). */
import { runWorker } from "@anyproc/channel";

await runWorker(
  `Node.js ${process.versions.node} imports TypeScript only from 22.6 with --experimental-strip-types (on by default from 23.6); compile the module to JavaScript`,
);
