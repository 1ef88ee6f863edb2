// The unchanged conformance suite against the spawn-helper adapter (the test-matrix lane "node-helper",
// run with vitest.helper.config.ts). Fresh caller processes the suite starts load test/fixtures/helper-entry.mjs,
// so they spawn through a helper too.
import { describeConformance, hostCapabilities } from "@anyproc/conformance";
import { startSpawnHelper } from "../src/spawn-helper.js";

const helper = startSpawnHelper();
const adapterModule = new URL("./fixtures/helper-entry.mjs", import.meta.url).href;

describeConformance(helper.adapter, hostCapabilities(), { adapterModule });
