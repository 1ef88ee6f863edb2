/**
 * The Deno adapter: maps a {@link SpawnRequest} onto `Deno.Command(...).spawn()` and normalises what comes
 * back. Policy (timeouts, abort, escalation, buffering) lives in @anyproc/core.
 *
 * Gaps of `Deno.Command` papered over here, once:
 * - `spawn()` throws synchronously (`NotFound`, `PermissionDenied`, `NotCapable`); we catch it and reject.
 *   `NotCapable` (no `--allow-run`) has no `code`: it becomes `ENOTCAPABLE` with a message naming the
 *   command and the flag to add;
 * - the status gives `code: 128+N` as well as `signal` for a signal death: a non-null signal wins and the
 *   code is dropped, so only a real `exit 137` is exit code 137;
 * - every stream defaults to `"inherit"`: all three are always passed explicitly;
 * - `env` is merged over Deno's own environment: we pass it as is when only adding variables (no env
 *   permission needed), and otherwise clear the environment and pass the complete one;
 * - there is no way to share one pipe between stdout and stderr: `stderr: "stdout"` runs the command
 *   through `/bin/sh`, which checks that it can be started, merges with `2>&1` and `exec`s it, so pid,
 *   exit status and signals are the command's own (see `_merge-stderr.ts`). This needs run permission for
 *   `/bin/sh` too;
 * - no child can be given a descriptor: the stages of a pipeline are joined by FIFOs each child opens itself
 *   through `/bin/sh`, where Deno may run it and write the temporary folder (see `_links.ts`); elsewhere core
 *   copies between them;
 * - a write to a closed stdin rejects with `BrokenPipe` and also rejects the writer's `closed` and `ready`
 *   promises, which would crash the host as unhandled rejections: core's stdin guard catches them (the
 *   stream is handed over unwrapped, one layer less per write);
 * - `child.kill()` throws once the child has exited, and `Deno.kill` needs unrestricted `--allow-run`:
 *   `kill` catches everything and reports false (a group kill without that permission signals the child).
 *
 * Permissions: `--allow-run` for the command (and for `/bin/sh` with `stderr: "stdout"` and pipeline links,
 * which also need read and write access to the temporary folder); `--allow-env`
 * only to remove inherited variables (`env: { NAME: undefined }`); `--allow-read` only for the cwd check
 * that words a spawn error. Nothing is read at import time.
 */
import {
  type ExitStatus,
  materializeEnv,
  type ProcessAdapter,
  type Signal,
  type SpawnedChild,
  type SpawnRequest,
  type StdoutLink,
  type WindowsSupport,
} from "@anyproc/core";
import { Deno, type DenoChildProcess, type DenoCommandOptions, type DenoStdio, granted, isDenoError } from "./_deno-api.ts";
import { onCallerExit } from "./_exit-hook.ts";
import { linkedArgs, linkedFifo, linksAvailable, newLink, preflight } from "./_links.ts";
import { awaitExec, mergeArgs, SHELL } from "./_merge-stderr.ts";
import { openFile } from "./_open-file.ts";
import { scripts, workers } from "./_workers.ts";

/** The anyproc adapter for Deno, built on `Deno.Command`. */
export const adapter: ProcessAdapter = {
  runtime: "deno",
  get execPath() {
    return Deno.execPath();
  },
  spawn: spawnChild,
  // Without --allow-read Deno cannot look: "unknown", so that an ENOENT is not blamed on the cwd.
  pathKind: (path) =>
    Deno.stat(path).then(
      (s) => (s.isDirectory ? "directory" : "not-directory"),
      (error) => (isDenoError(error, "NotFound") ? "missing" : isDenoError(error, "NotADirectory") ? "not-directory" : "unknown"),
    ),
  openFile,
  // Pipelines join their stages with FIFOs where Deno may (see _links.ts); otherwise core copies.
  get links() {
    return linksAvailable();
  },
  onCallerExit,
  processTable,
  signalProcess,
  scripts,
  workers,
  windows: windowsSupport(),
};

/**
 * What core reads of the caller on Windows (undefined elsewhere): its environment, where `--allow-env` grants
 * it (never prompting); without it the child's own `env` is all core sees, and a name not found there is
 * left for Deno to resolve.
 */
function windowsSupport(): WindowsSupport | undefined {
  if (Deno?.build.os !== "windows") return undefined;
  return {
    env: (name) => (granted({ name: "env", variable: name }) ? Deno.env.get(name) : undefined),
    envNames: () => (granted({ name: "env" }) ? Object.keys(Deno.env.toObject()) : []),
  };
}

/**
 * `ps -A -o pid=,ppid=,pgid=`, run synchronously (killTree walks the tree it lists); null when ps fails or may not
 * be run (then killTree signals the child alone, as Deno.kill needs unrestricted --allow-run anyway).
 */
function processTable(): string | null {
  try {
    const { success, stdout } = new Deno.Command("ps", {
      args: ["-A", "-o", "pid=,ppid=,pgid="],
      clearEnv: false,
      env: {},
      stdin: "null",
      stdout: "piped",
      stderr: "null",
      detached: false,
    }).outputSync();
    return success ? new TextDecoder().decode(stdout) : null;
  } catch {
    return null;
  }
}

function signalProcess(pid: number, signal: Signal): boolean {
  try {
    Deno.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

async function spawnChild(request: SpawnRequest): Promise<SpawnedChild> {
  if (request.stdinLink || request.stdoutLink) return spawnLinked(request);
  const merge = request.stderr === "stdout" && request.stdout !== "ignore";
  const options: DenoCommandOptions = {
    args: merge ? mergeArgs(request.file, request.args, lookupPath(request)) : [...request.args],
    ...childEnv(request),
    stdin: stdio(request.stdin),
    stdout: stdio(request.stdout),
    // With a merge the shell's own stderr is the channel reporting whether the command could start.
    stderr: merge ? "piped" : request.stderr === "stdout" ? "null" : stdio(request.stderr),
    detached: request.detached,
  };
  if (request.cwd !== undefined) options.cwd = request.cwd;
  if (request.verbatim) options.windowsRawArguments = true;
  let child: DenoChildProcess;
  try {
    // https://docs.deno.com/api/deno/~/Deno.Command
    child = new Deno.Command(merge ? SHELL : request.file, options).spawn();
  } catch (error) {
    throw spawnFailure(error, request, merge);
  }
  if (merge) {
    try {
      await awaitExec(child, request.file);
    } catch (error) {
      // Nothing was started: let go of the pipes Deno opened for the shell.
      if (request.stdin === "pipe") await child.stdin.abort().catch(() => {});
      if (request.stdout === "pipe") await child.stdout.cancel().catch(() => {});
      throw error;
    }
  }
  return wrap(child, request, merge);
}

/** A pipeline stage whose stdin or stdout is a link: run through `/bin/sh` between FIFOs (see `_links.ts`). */
async function spawnLinked(request: SpawnRequest): Promise<SpawnedChild> {
  // Checked before anything is made, so that a bad link leaves nothing behind.
  const stdinFifo = request.stdinLink ? linkedFifo(request.stdinLink) : "";
  const out = request.stdoutLink ? newLink() : undefined;
  const merge = request.stderr === "stdout";
  const env = childEnv(request);
  let child: DenoChildProcess;
  try {
    const file = await preflight(request, env, lookupPath(request), out?.path ?? "");
    const options: DenoCommandOptions = {
      args: linkedArgs(stdinFifo, out?.path ?? "", merge, file, request.args),
      ...env,
      stdin: request.stdinLink ? "null" : stdio(request.stdin),
      stdout: out ? "null" : stdio(request.stdout),
      stderr: merge ? "null" : stdio(request.stderr),
      detached: request.detached,
    };
    if (request.cwd !== undefined) options.cwd = request.cwd;
    child = new Deno.Command(SHELL, options).spawn();
  } catch (error) {
    out?.link.close();
    // An error of the preflight's own spawn (a missing cwd) is worded as a direct spawn's would be.
    throw spawnFailure(error, request, false);
  }
  return wrap(child, request, merge, out?.link);
}

function wrap(child: DenoChildProcess, request: SpawnRequest, merged: boolean, link?: StdoutLink): SpawnedChild {
  const pid = child.pid;
  const exited = child.status.then(
    (status): ExitStatus =>
      status.signal !== null ? { exitCode: null, signal: status.signal as Signal } : { exitCode: status.code, signal: null },
    // Never seen in practice (waitpid failed); the contract is a status, never a rejection.
    (): ExitStatus => ({ exitCode: 1, signal: null }),
  );
  let done = false;
  void exited.then(() => (done = true));
  const signalChild = (signal: Signal): boolean => {
    if (done) return false;
    try {
      child.kill(signal);
      return true;
    } catch {
      return false;
    }
  };
  return {
    pid,
    stdin: request.stdin === "pipe" && !request.stdinLink ? child.stdin : null,
    stdout: request.stdout === "pipe" && !link ? child.stdout : null,
    stderr: request.stderr === "pipe" && !merged ? child.stderr : null,
    exited,
    ...(link ? { link } : {}),
    ref(keep) {
      if (keep) child.ref();
      else child.unref();
    },
    kill(signal, group) {
      if (!group) return signalChild(signal);
      try {
        // https://docs.deno.com/api/deno/~/Deno.kill
        Deno.kill(-pid, signal);
        return true;
      } catch (error) {
        // Without unrestricted --allow-run only the child itself can be signalled.
        return isDenoError(error, "NotCapable") ? signalChild(signal) : false;
      }
    },
  };
}

function stdio(mode: "pipe" | "inherit" | "ignore"): DenoStdio {
  return mode === "pipe" ? "piped" : mode === "ignore" ? "null" : "inherit";
}

/** `env`/`clearEnv` for the request; reading Deno's environment needs `--allow-env`, so only when required. */
function childEnv(request: SpawnRequest): Pick<DenoCommandOptions, "env" | "clearEnv"> {
  const { env } = request;
  if (env.inherit && env.unset.length === 0) return { env: { ...env.set }, clearEnv: false };
  if (!env.inherit) return { env: { ...env.set }, clearEnv: true };
  let current: Record<string, string>;
  try {
    current = Deno.env.toObject();
  } catch (error) {
    if (!isDenoError(error, "NotCapable")) throw error;
    const names = env.unset.map((name) => JSON.stringify(name)).join(", ");
    throw notCapable(
      `removing ${names} from the inherited environment needs --allow-env on Deno, which must read its environment to pass on the rest [Deno: ${(error as Error).message}]`,
      error,
    );
  }
  return { env: materializeEnv(env, current), clearEnv: true };
}

/**
 * The PATH the merge script searches when the child's environment has no PATH: Deno searches its own
 * then. Read only when allowed (never prompts); otherwise the shell's default PATH is used.
 */
function lookupPath(request: SpawnRequest): string | undefined {
  const { env } = request;
  if ("PATH" in env.set || (env.inherit && !env.unset.includes("PATH"))) return undefined;
  return granted({ name: "env", variable: "PATH" }) ? Deno.env.get("PATH") : undefined;
}

/** Turns what `spawn()` threw into an error with an errno-style `code`. */
function spawnFailure(error: unknown, request: SpawnRequest, merged: boolean): unknown {
  if (!isDenoError(error, "NotCapable")) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code !== "") return error;
    if (isDenoError(error, "NotFound")) return Object.assign(error as Error, { code: "ENOENT" });
    if (isDenoError(error, "PermissionDenied")) return Object.assign(error as Error, { code: "EACCES" });
    return error;
  }
  const said = `[Deno: ${(error as Error).message}]`;
  if (merged && granted({ name: "run", command: request.file })) {
    return notCapable(
      `stderr: "stdout" runs the command through ${SHELL} on Deno, which needs run access to ${SHELL} too: start Deno with --allow-run, or add ${SHELL} to its --allow-run list ${said}`,
      error,
    );
  }
  return notCapable(`Deno denied run access: start Deno with --allow-run (or --allow-run=${request.file}) ${said}`, error);
}

function notCapable(message: string, cause: unknown): Error & { code: string } {
  return Object.assign(new Error(message, { cause }), { code: "ENOTCAPABLE" });
}
