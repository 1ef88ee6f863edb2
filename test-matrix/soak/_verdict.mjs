// What fails the soak lane: a workload that does not report, reports a problem or leaves processes behind, or a blind control.
import { existsSync, readFileSync } from "node:fs";

/** The workload's JSON line from its log, or null when it printed none. */
export function readReport(logPath) {
  const text = existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
  const line = text
    .split("\n")
    .reverse()
    .find((l) => l.startsWith('{"soak":'));
  if (!line) return null;
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

/** Leaks in a phase's figures (or since the baseline): children, zombies, descriptors, rejections, unsettled promises. */
export function leaksOf(figures) {
  return {
    children: figures.leftoverCount,
    zombies: figures.zombieCount,
    fds: Math.max(0, figures.fds.after - figures.fds.before),
    unhandled: figures.unhandledRejections,
    unsettled: figures.unsettled ?? 0,
  };
}

/** Problems with one workload run, as sentences; empty when it ran clean. */
export function judgeRun(run, report, logPath, phaseNames) {
  const errors = startErrors(run, report, logPath);
  if (report) {
    for (const name of phaseNames) if (!report.phases.some((p) => p.phase === name)) errors.push(`phase ${name} did not report`);
    for (const phase of report.phases) errors.push(...phase.problems.map((p) => `${phase.phase}: ${p}`));
    errors.push(...report.end.problems.map((p) => `after all phases, against the baseline: ${p}`));
    if (report.ok !== (run.exitCode === 0)) errors.push(`exited with ${run.exitCode ?? run.signal} but reported ok: ${report.ok}`);
  }
  return errors;
}

/** The control (fixtures/leaky-adapter.mjs) leaks one of each; every probe must have seen its leak. */
export function judgeControl(run, report, logPath) {
  const errors = startErrors(run, report, logPath);
  const phase = report?.phases[0];
  if (!phase) return errors.map((e) => `control: ${e}`);
  const leaks = leaksOf(phase);
  const seen = {
    "a promise that never settles": leaks.unsettled > 0,
    "a child left running": leaks.children > 0,
    "a zombie": leaks.zombies > 0,
    "an open file descriptor": leaks.fds > 0,
    "an unhandled rejection": leaks.unhandled > 0,
    "a failing exit status": run.exitCode === 1,
  };
  for (const [what, ok] of Object.entries(seen)) if (!ok) errors.push(`the probes missed ${what}`);
  return errors.map((e) => `control: ${e}`);
}

function startErrors(run, report, logPath) {
  const errors = [];
  if (run.spawnError) errors.push(`could not start: ${run.spawnError}`);
  if (run.timedOut) errors.push(`timed out after ${Math.round(run.durationMs / 1000)} s and was killed`);
  if (!report && !run.spawnError) errors.push(`reported no figures; its log ends: ${lastLines(logPath)}`);
  if (run.leftovers.length)
    errors.push(`left ${run.leftovers.length} process(es) running after it exited (now killed): ${run.leftovers.join("; ")}`);
  return errors;
}

function lastLines(logPath) {
  const lines = existsSync(logPath)
    ? readFileSync(logPath, "utf8")
        .split("\n")
        .map((l) => l.trim())
    : [];
  // leave out runLane's own lines (`# soak-<name>: ...`, `# cwd: ...`), keep the workload's progress (`# soak <runtime>: ...`)
  return (
    lines
      .filter((l) => l && !/^# (soak-\S+|cwd):/.test(l))
      .slice(-3)
      .join(" / ")
      .slice(0, 500) || "(nothing)"
  );
}
