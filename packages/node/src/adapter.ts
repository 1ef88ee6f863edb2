/**
 * The Node.js adapter: maps a {@link SpawnRequest} onto `child_process.spawn` and normalises what comes
 * back. Policy (timeouts, abort, escalation, buffering) lives in @anyproc/core.
 *
 * Gaps of `child_process` papered over here, once:
 * - a spawn failure arrives as an async `'error'` event; we detect it synchronously (`pid` is undefined)
 *   and reject with the runtime error, whose `code` is already an errno name;
 * - Node cannot share one pipe between stdout and stderr, so `stderr: "stdout"` connects both to one end
 *   of a connected Unix socket pair made on an abstract address (Linux);
 * - an EPIPE on stdin is an `'error'` event that would crash the host: a listener is always attached and
 *   the failure surfaces as a rejected write.
 * https://nodejs.org/docs/latest-v20.x/api/child_process.html#child_processspawncommand-args-options
 */
import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import { onCallerExit, readableToWeb, writableToWeb } from "@anyproc/channel";
import { type ExitStatus, materializeEnv, type ProcessAdapter, type Signal, type SpawnedChild, type SpawnRequest } from "@anyproc/core";
import { socketPair } from "./_socket-pair.js";
import { scripts, workers } from "./_workers.js";

/** The anyproc adapter for Node.js, built on `child_process.spawn`. */
export const adapter: ProcessAdapter = {
  runtime: "node",
  execPath: process.execPath,
  spawn: spawnChild,
  isDirectory: (path) =>
    stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    ),
  onCallerExit,
  scripts,
  workers,
};

/** True when `env` is the caller's environment unchanged, which Node passes itself when `env` is undefined. */
function isCallerEnv(env: SpawnRequest["env"]): boolean {
  if (!env.inherit || env.unset.length > 0) return false;
  for (const _ in env.set) return false;
  return true;
}

async function spawnChild(request: SpawnRequest): Promise<SpawnedChild> {
  const pair = request.stderr === "stdout" && request.stdout === "pipe" ? await socketPair() : null;
  const stdio: StdioOptions = [
    request.stdin,
    pair ? pair.childEnd : request.stdout,
    pair ? pair.childEnd : request.stderr === "stdout" ? (request.stdout === "inherit" ? 1 : "ignore") : request.stderr,
  ];
  const { env } = request;
  let child: ChildProcess;
  try {
    child = spawn(request.file, request.args, {
      cwd: request.cwd,
      env: isCallerEnv(env) ? undefined : materializeEnv(env, process.env),
      stdio,
      detached: request.detached,
      windowsHide: true,
    });
  } finally {
    pair?.childEnd.destroy();
  }
  if (child.pid === undefined) {
    pair?.parentEnd.destroy();
    throw await new Promise<Error>((resolve) => child.once("error", resolve));
  }
  child.on("error", () => {});
  const pid = child.pid;
  let done = false;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once("exit", (code, signal) => {
      done = true;
      resolve(signal !== null ? { exitCode: null, signal: signal as Signal } : { exitCode: code ?? 0, signal: null });
    });
  });
  const stdout: Readable | null = pair ? pair.parentEnd : child.stdout;
  return {
    pid,
    stdin: child.stdin ? writableToWeb(child.stdin as Writable) : null,
    stdout: stdout ? readableToWeb(stdout) : null,
    stderr: child.stderr ? readableToWeb(child.stderr) : null,
    exited,
    ref(keep) {
      for (const handle of [child, child.stdin, child.stdout, child.stderr, pair?.parentEnd]) {
        const h = handle as { ref?: () => void; unref?: () => void } | null | undefined;
        if (keep) h?.ref?.();
        else h?.unref?.();
      }
    },
    kill(signal, group) {
      try {
        if (group) {
          process.kill(-pid, signal);
          return true;
        }
        if (done) return false;
        // process.kill, not child.kill: Deno's node:child_process records a signal sent by child.kill as
        // the cause of death even when the child traps it, and ignores every later child.kill().
        process.kill(pid, signal);
        return true;
      } catch {
        return false;
      }
    },
  };
}
