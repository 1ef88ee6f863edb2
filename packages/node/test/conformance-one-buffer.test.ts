// The unchanged conformance suite against the Node adapter with `reuseReadBuffer` (the test-matrix lane
// "node-one-buffer", run with vitest.one-buffer.config.ts): every piped stdout is a socket pair read into one
// reused buffer. Fresh caller processes the suite starts load test/fixtures/one-buffer-entry.mjs, so they
// use the same adapter.
import { describeConformance, linuxCapabilities } from "@anyproc/conformance";
import type { ProcessAdapter } from "@anyproc/core";
import { createAdapter } from "../src/index.js";

const base = createAdapter({ reuseReadBuffer: true });
const scripts = base.scripts;
if (!scripts) throw new Error("the Node adapter provides scripts");
const adapter: ProcessAdapter = {
  ...base,
  scripts: { ...scripts, module: new URL("./fixtures/one-buffer-entry.mjs", import.meta.url).href },
};

describeConformance(adapter, { ...linuxCapabilities, byobStdout: true });
