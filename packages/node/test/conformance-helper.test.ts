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

// Node 20 cannot import TypeScript (type stripping arrived in 22.6).
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
describeConformance(adapter, { ...linuxCapabilities, typescript: major > 22 || (major === 22 && minor >= 6) });
