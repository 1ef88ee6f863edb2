// The unchanged conformance suite against the spawn-helper adapter (the test-matrix lane "node-helper",
// run with vitest.helper.config.ts). Fresh caller processes the suite starts load test/fixtures/helper-entry.mjs,
// so they spawn through a helper too.
import { describeConformance, linuxCapabilities } from "@anyproc/conformance";
import type { ProcessAdapter } from "@anyproc/core";
import { startSpawnHelper } from "../src/index.js";

const helper = startSpawnHelper();
const scripts = helper.adapter.scripts;
if (!scripts) throw new Error("the Node adapter provides scripts");
const adapter: ProcessAdapter = {
  ...helper.adapter,
  scripts: { ...scripts, module: new URL("./fixtures/helper-entry.mjs", import.meta.url).href },
};

describeConformance(adapter, linuxCapabilities);
