import { describeConformance, linuxCapabilities } from "@anyproc/conformance";
import { adapter } from "../src/index.js";

describeConformance(adapter, linuxCapabilities);
