// Prints the version of the runtime that runs it: the cold-start measurement runs it once per measurement
// process, in its warm-up pass, to record which version it measured.
import { runtimeVersion } from "../shared/runtime.mjs";

console.log(runtimeVersion());
