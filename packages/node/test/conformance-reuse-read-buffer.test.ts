// The unchanged conformance suite against the Node adapter with `reuseReadBuffer` (the test-matrix lane
// "node-reuse-read-buffer", run with vitest.reuse-read-buffer.config.ts): every piped stdout is a socket pair read into one
// reused buffer. Fresh caller processes the suite starts load test/fixtures/reuse-read-buffer-entry.mjs, so they
// use the same adapter.
import { describeConformance, hostCapabilities } from "@anyproc/conformance";
import { createAdapter } from "../src/index.js";

const adapter = createAdapter({ reuseReadBuffer: true });
const adapterModule = new URL("./fixtures/reuse-read-buffer-entry.mjs", import.meta.url).href;

describeConformance(adapter, { ...hostCapabilities(), byobStdout: true }, { adapterModule });
