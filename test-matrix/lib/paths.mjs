// Where the test matrix lives and writes.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where logs, reports and the matrix are written (git-ignored). */
export const RESULTS = join(ROOT, "test-matrix", "results");
