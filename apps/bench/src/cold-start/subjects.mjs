// The scripts a cold-start measurement starts fresh runtime processes on: an empty one (the baseline), one per
// package holding only `import "<package>";`, and for anyproc and tinyexec one that imports the package and
// runs `true` once with its output collected, awaited. Each import resolves from apps/bench/node_modules as a
// user's import is (the package's exports conditions pick the runtime's entry).
import { fileURLToPath } from "node:url";

/** The baseline: a script with nothing to run. */
export const BASELINE = { key: "empty", script: "empty.mjs", label: "empty script" };

/**
 * The packages measured, the first the one the budget is about, the second its reference; `call`, for those
 * two, is the call their "import and one call" script makes.
 */
const PACKAGES = [
  { name: "anyproc", call: 'runProcess(["true"])' },
  { name: "tinyexec", call: 'x("true")' },
  { name: "execa" },
  { name: "nano-spawn" },
];

/** The imports measured, in the order of the packages. */
export const IMPORTS = PACKAGES.map(({ name }) => ({
  key: name,
  script: `import-${name}.mjs`,
  label: `import "${name}"`,
}));

/** The import and one call measured (reported only, no budget), anyproc's first and tinyexec's second. */
export const CALLS = PACKAGES.filter((p) => p.call).map(({ name, call }) => ({
  key: `call-${name}`,
  script: `call-${name}.mjs`,
  label: `\`import "${name}"\` and one \`${call}\``,
}));

/** Every subject a measurement process runs side by side: the baseline, the imports, and the imports with a call. */
export const SUBJECTS = [BASELINE, ...IMPORTS, ...CALLS];

/** The script that prints the runtime's version, run once in the warm-up pass. */
export const VERSION = { key: "version", script: "version.mjs" };

/** The absolute path of a subject's script. */
export const scriptPath = (subject) => fileURLToPath(new URL(subject.script, import.meta.url));
