// The shared conformance suite, run by `deno test` against the Deno adapter (deno.json maps "vitest" to
// packages/conformance/deno/vitest-shim.ts, so the cases register as Deno tests named `conformance > <group> > <case>`).
import { describeConformance, hostCapabilities } from "@anyproc/conformance";
import { adapter } from "../src/index.ts";

/** The built package entry, which exports the adapter: the suite's fresh caller processes load it. */
const adapterModule = new URL("../dist/index.js", import.meta.url).href;

describeConformance(adapter, { ...hostCapabilities(), byobStdout: true }, { adapterModule });
