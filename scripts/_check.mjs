/**
 * What the end-to-end checks share (check-install.mjs, check-conformance-example.mjs): a list of outcomes that
 * prints each as it comes, and a way to run a command without blocking the checking process's event loop.
 */
import { spawn } from "node:child_process";

/**
 * A list of check outcomes: `report(ok, label, detail)` prints one (with `detail` when it failed) and records
 * a failure; `failures` holds the labels of those that failed.
 */
export function checkList() {
  /** @type {string[]} */
  const failures = [];
  const report = (ok, label, detail) => {
    console.log(ok ? `ok    ${label}` : `FAIL  ${label}${detail ? `\n        ${detail.replaceAll("\n", "\n        ")}` : ""}`);
    if (!ok) failures.push(label);
  };
  return { failures, report };
}

/**
 * Runs a command, collecting its output, killed after `timeoutMs`; never rejects.
 * @returns {Promise<{ status: number | null, signal: string | null, stdout: string, output: string }>} output: stderr, then stdout
 */
export function runAsync(command, args, options, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text) => (stderr += text));
    child.on("error", (error) => resolve({ status: null, signal: null, stdout, output: error.message }));
    child.on("close", (status, signal) => resolve({ status, signal, stdout, output: `${stderr}${stdout}`.trim() }));
  });
}
