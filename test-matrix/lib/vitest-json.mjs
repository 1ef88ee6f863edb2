// Reads vitest's JSON report (Jest-compatible shape) into the same entries as the JUnit reader.

const SKIPPED = new Set(["skipped", "pending", "todo", "disabled"]);

/**
 * @param {string} json
 * @returns {{ entries: import("./junit.mjs").TestEntry[], fileErrors: string[] }}
 * `fileErrors`: test files that failed as a whole (failed to load, say) with their message.
 */
export function parseVitestJson(json) {
  const report = JSON.parse(json);
  const entries = [];
  const fileErrors = [];
  for (const file of report.testResults ?? []) {
    if (file.status === "failed" && file.message) fileErrors.push(`${file.name}: ${firstLine(file.message)}`);
    for (const test of file.assertionResults ?? []) {
      const path = [...(test.ancestorTitles ?? []), test.title];
      if (test.status === "passed") entries.push({ path, status: "passed" });
      else if (SKIPPED.has(test.status)) entries.push({ path, status: "skipped" });
      else entries.push({ path, status: "failed", message: (test.failureMessages ?? []).join("\n") || test.status });
    }
  }
  return { entries, fileErrors };
}

function firstLine(text) {
  return text.trim().split("\n")[0];
}
