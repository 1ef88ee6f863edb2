// Runs one lane's test command in its own process group, output to a log file, killed if it overruns.
import { spawn } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";
import { liveGroupMembers } from "./procfs.mjs";

/** Grace between SIGTERM and SIGKILL when a lane overruns. */
const KILL_GRACE_MS = 5_000;

/**
 * Runs `bin args` in `lane.cwd` with stdout and stderr written straight to `logPath` (no pipes, so a
 * grandchild that outlives the runner cannot keep the lane open). On timeout the whole process group is
 * sent SIGTERM, then SIGKILL. Whatever is still in the group after the runner exits is killed too, and then
 * `lane.finish`, if any, ends what the lane's runtime runs outside the group (Wine's server and services).
 * `extraEnv` is added to the environment; a variable it sets to undefined is removed (child_process leaves out
 * undefined values).
 * @returns {Promise<{ exitCode: number | null, signal: string | null, timedOut: boolean, leftovers: string[], durationMs: number, spawnError?: string }>}
 */
export async function runLane(lane, bin, args, logPath, timeoutMs, extraEnv = {}) {
  const cwd = join(ROOT, lane.cwd);
  const log = openSync(logPath, "w");
  writeSync(log, `# ${lane.name}: ${[bin, ...args].join(" ")}\n# cwd: ${cwd}\n\n`);
  const started = performance.now();
  const env = { ...process.env, NO_COLOR: "1", ...extraEnv };
  const child = spawn(bin, args, { cwd, env, detached: true, stdio: ["ignore", log, log] });

  let timedOut = false;
  const timers = [];
  timers.push(
    setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, "SIGTERM");
      timers.push(setTimeout(() => killGroup(child.pid, "SIGKILL"), KILL_GRACE_MS));
    }, timeoutMs),
  );

  const outcome = await new Promise((resolve) => {
    child.once("error", (error) => resolve({ exitCode: null, signal: null, spawnError: error.message }));
    child.once("exit", (exitCode, signal) => resolve({ exitCode, signal }));
  });
  for (const timer of timers) clearTimeout(timer);
  const durationMs = performance.now() - started;
  const leftovers = child.pid === undefined ? [] : liveGroupMembers(child.pid);
  if (child.pid !== undefined) killGroup(child.pid, "SIGKILL");
  leftovers.push(...(lane.finish?.() ?? []));

  const status = outcome.spawnError ?? (timedOut ? "timed out" : `exit code ${outcome.exitCode ?? outcome.signal}`);
  writeSync(log, `\n# ${lane.name}: ${status} after ${(durationMs / 1000).toFixed(1)} s\n`);
  if (leftovers.length) writeSync(log, `# killed what it left running: ${leftovers.join("; ")}\n`);
  closeSync(log);
  return { ...outcome, timedOut, leftovers, durationMs };
}

/** Sends `signal` to the process group `pgid`, if it still has a member. */
function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is gone
  }
}
