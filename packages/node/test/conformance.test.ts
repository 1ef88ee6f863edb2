import { describeConformance, linuxCapabilities } from "@anyproc/conformance";
import { adapter } from "../src/index.js";

// Node 20 cannot import TypeScript (type stripping arrived in 22.6).
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
describeConformance(adapter, { ...linuxCapabilities, typescript: major > 22 || (major === 22 && minor >= 6) });
