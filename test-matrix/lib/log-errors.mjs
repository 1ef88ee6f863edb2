// Errors a test runner prints in its log but leaves out of its report, one reader per runner.

/**
 * Vitest's summary line `Errors  2 errors` counts unhandled errors, which its JSON report leaves out.
 * @param {string} log
 * @returns {string[]}
 */
export function vitestErrors(log) {
  const match = /^\s*Errors\s+(\d+) errors?/m.exec(log);
  return match ? [`vitest reported ${match[1]} unhandled error(s)`] : [];
}

/**
 * Bun's summary line ` 2 errors` counts errors between tests (a file that fails to load, say); its JUnit report leaves them out.
 * @param {string} log
 * @returns {string[]}
 */
export function bunErrors(log) {
  const match = /^\s*(\d+) errors?$/m.exec(log);
  return match ? [`bun reported ${match[1]} unhandled error(s) between tests`] : [];
}

/**
 * Deno names each module that threw outside a test `./file.ts (uncaught error)`; its JUnit report leaves those out.
 * @param {string} log
 * @returns {string[]}
 */
export function denoErrors(log) {
  const modules = new Set([...log.matchAll(/^(\S+) \(uncaught error\)$/gm)].map((m) => m[1]));
  return [...modules].map((module) => `deno reported an uncaught error from ${module}`);
}
