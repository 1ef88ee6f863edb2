import { describeConformance, hostCapabilities } from "@anyproc/conformance";
import { adapter } from "../src/index.ts";

/** The built package entry, which exports the adapter: the suite's fresh caller processes load it. */
const adapterModule = new URL("../dist/index.js", import.meta.url).href;

describeConformance(adapter, hostCapabilities(), { adapterModule });
