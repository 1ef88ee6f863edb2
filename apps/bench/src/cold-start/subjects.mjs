// The scripts a cold-start measurement starts fresh runtime processes on: an empty one (the baseline) and one
// per package holding only `import "<package>";`, each resolved from apps/bench/node_modules as a user's import
// is (the package's exports conditions pick the runtime's entry).
import { fileURLToPath } from "node:url";

/** The baseline: a script with nothing to run. */
export const BASELINE = { key: "empty", script: "empty.mjs", label: "empty script" };

/** The imports measured, the first the one the budget is about, the second its reference. */
export const IMPORTS = ["anyproc", "tinyexec", "execa", "nano-spawn"].map((name) => ({
  key: name,
  script: `import-${name}.mjs`,
  label: `import "${name}"`,
}));

/** Every subject a measurement process runs side by side: the baseline and the imports. */
export const SUBJECTS = [BASELINE, ...IMPORTS];

/** The script that prints the runtime's version, run once in the warm-up pass. */
export const VERSION = { key: "version", script: "version.mjs" };

/** The absolute path of a subject's script. */
export const scriptPath = (subject) => fileURLToPath(new URL(subject.script, import.meta.url));
