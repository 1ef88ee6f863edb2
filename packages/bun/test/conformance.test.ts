import { describeConformance, linuxCapabilities } from "@anyproc/conformance";
import { adapter } from "../src/index.ts";

describeConformance(adapter, linuxCapabilities);
