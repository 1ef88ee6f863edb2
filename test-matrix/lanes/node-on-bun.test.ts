// The Node adapter's conformance run by `bun test`, over Bun's node:child_process compatibility layer.
import { describeConformance, linuxCapabilities } from "@anyproc/conformance";
import { adapter } from "@anyproc/node";

describeConformance(adapter, linuxCapabilities, { adapterModule: import.meta.resolve("@anyproc/node") });
