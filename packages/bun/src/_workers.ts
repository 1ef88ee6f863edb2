/** toProcess on Bun: workers are `bun` processes running ./worker.js; Bun runs TypeScript modules natively. */
import { workerSupport } from "@anyproc/channel";

/** The Bun toProcess support. */
export const workers = workerSupport(() => [process.execPath], new URL("../dist/", import.meta.url));
