// Turns one lane's run and report into its results: conformance cases by `<group> > <case>`, extras, errors.
import { existsSync, readFileSync } from "node:fs";
import { parseJUnit } from "./junit.mjs";
import { parseVitestJson } from "./vitest-json.mjs";

/** The top-level describe of @anyproc/conformance (its SUITE_NAME); only cases below it are in the matrix. */
const SUITE_PREFIX = "conformance > ";
/** How much of a failure message is kept: its first lines, enough for an expected/received diff. */
const MESSAGE_LINES = 12;

/**
 * @typedef {"passed" | "failed" | "skipped"} Status
 * @typedef {object} LaneResult
 * @property {string} name
 * @property {boolean} required
 * @property {string} command
 * @property {number} durationMs
 * @property {Map<string, Status>} cases conformance cases, in report order
 * @property {Map<string, string>} messages failure message per failed test, case or runtime-only
 * @property {Map<string, Status>} extras the lane's runtime-only tests, by their full name
 * @property {string[]} errors what went wrong with the lane as a whole
 * @property {string[]} notes things worth knowing that are not errors
 */

/** @returns {LaneResult} */
export function collectLane(lane, command, run, reportPath, logPath) {
  const result = {
    name: lane.name,
    required: lane.required,
    command,
    durationMs: run.durationMs,
    cases: new Map(),
    messages: new Map(),
    extras: new Map(),
    errors: [],
    notes: [],
  };
  if (run.spawnError) result.errors.push(`could not start: ${run.spawnError}`);
  if (run.timedOut) result.errors.push(`timed out after ${Math.round(run.durationMs / 1000)} s and was killed`);
  if (run.leftovers.length)
    result.notes.push(`left ${run.leftovers.length} process(es) running after it exited, now killed: ${run.leftovers.join("; ")}`);

  const { entries, fileErrors } = readReport(lane, reportPath, result.errors);
  result.errors.push(...fileErrors);
  for (const { path, status, message } of entries) addEntry(result, path.join(" > "), status, message);

  const log = existsSync(logPath) ? stripAnsi(readFileSync(logPath, "utf8")) : "";
  result.errors.push(...lane.logErrors(log));
  for (const [name, status] of result.extras) if (status === "failed") result.errors.push(`runtime-only test failed: ${name}`);
  const failed = [...result.cases.values()].includes("failed") || [...result.extras.values()].includes("failed");
  if (!run.spawnError && !run.timedOut && run.exitCode !== 0 && !failed && result.errors.length === 0) {
    result.errors.push(`exited with ${run.exitCode ?? run.signal} although no test failed; ${firstError(log)}`);
  } else if (!existsSync(reportPath) && log) {
    result.errors.push(firstError(log));
  }
  if (result.cases.size === 0 && !run.spawnError) result.errors.push("found no conformance cases");
  return result;
}

/** The first `error:` line of the log (all three runners start one so), else its last meaningful lines. */
function firstError(log) {
  const error = /^\s*(?:error|Error)\b.*$/m.exec(log);
  if (error) return `log says: ${error[0].trim()}`;
  const lines = log.split("\n").map((l) => l.trim());
  const useful = lines.filter((l) => l && !l.startsWith("# ") && !/^(Stack backtrace:|\d+: <unknown>|Learn more)/.test(l));
  return `log ends: ${useful.slice(-2).join(" / ") || "(nothing)"}`;
}

function stripAnsi(text) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the ANSI colour codes this strips.
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}

function readReport(lane, reportPath, errors) {
  if (!existsSync(reportPath)) {
    errors.push("wrote no report");
    return { entries: [], fileErrors: [] };
  }
  const text = readFileSync(reportPath, "utf8");
  try {
    return lane.format === "vitest-json" ? parseVitestJson(text) : { entries: parseJUnit(text), fileErrors: [] };
  } catch (error) {
    errors.push(`report could not be read: ${error.message}`);
    return { entries: [], fileErrors: [] };
  }
}

function addEntry(result, fullName, status, message) {
  const isCase = fullName.startsWith(SUITE_PREFIX);
  const name = isCase ? fullName.slice(SUITE_PREFIX.length) : fullName;
  const table = isCase ? result.cases : result.extras;
  if (table.has(name)) {
    result.errors.push(`two tests are named "${fullName}"; test names must be unique`);
    if (status !== "failed") return;
  }
  table.set(name, status);
  if (status === "failed") result.messages.set(name, shorten(stripAnsi(message ?? "")));
}

function shorten(message) {
  const lines = message
    .trim()
    .split("\n")
    .map((l) => l.trimEnd())
    .filter(Boolean);
  return lines.slice(0, MESSAGE_LINES).join("\n");
}
