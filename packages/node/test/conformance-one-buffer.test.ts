// The unchanged conformance suite against the Node adapter with `reuseReadBuffer` (the test-matrix lane
// "node-one-buffer", run with vitest.one-buffer.config.ts): every piped stdout is a socket pair read into one
// reused buffer. Fresh caller processes the suite starts load test/fixtures/one-buffer-entry.mjs, so they
// use the same adapter.
import { describeConformance, linuxCapabilities } from "@anyproc/conformance";
import { createAdapter } from "../src/index.js";

const adapter = createAdapter({ reuseReadBuffer: true });
const adapterModule = new URL("./fixtures/one-buffer-entry.mjs", import.meta.url).href;

describeConformance(adapter, { ...linuxCapabilities, byobStdout: true }, { adapterModule });
