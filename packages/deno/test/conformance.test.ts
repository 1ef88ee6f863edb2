// The shared conformance suite, run by `deno test` against the Deno adapter (deno.json maps "vitest" to
// ./vitest-shim.ts, so the cases register as Deno tests named `conformance > <group> > <case>`).
import { describeConformance, linuxCapabilities } from "@anyproc/conformance";
import { adapter } from "../src/index.ts";

describeConformance(adapter, { ...linuxCapabilities, byobStdout: true });
