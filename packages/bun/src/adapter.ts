/**
 * The Bun adapter: maps a {@link SpawnRequest} onto the native `Bun.spawn` and normalises what comes back.
 * Policy (timeouts, abort, escalation, buffering) lives in @anyproc/core.
 *
 * Gaps of `Bun.spawn` papered over here, once:
 * - a spawn failure is thrown synchronously; it becomes a rejection whose `code` is the errno name
 *   (Bun already sets it; a bare `errno` is translated when it is missing);
 * - `exited` resolves to 128+N for a signal death: the status is read from `exitCode`/`signalCode`
 *   instead, so only a real `exit 137` is exit code 137, and `exited` never rejects;
 * - `killed` is true after any exit, and `kill()` after exit is a silent no-op: we track the exit
 *   ourselves so `kill` returns false once the child is gone;
 * - the default stdio is ignore/pipe/inherit: all three are always passed explicitly;
 * - the default `env` is a snapshot taken when Bun started: the complete environment is passed, built
 *   from the current `process.env` at spawn time, unless `process.env` still holds exactly that snapshot
 *   (checked per spawn; see `startupEnv`), which spares building and converting it on every spawn (a cost
 *   that shows in sequential spawns: see docs/performance.md);
 * - there is no option to share one pipe between stdout and stderr, but Bun takes a descriptor number
 *   for any stdio slot: `stderr: "stdout"` makes a pipe with libc's `pipe2` through bun:ffi and passes its
 *   write end as both fd 1 and fd 2 (one file description, so the order of writes is exact; see
 *   `_pipe.ts`). Where `pipe2` is not available (off Linux, or with the portable paths forced: see
 *   @anyproc/channel's `linuxOnlyPaths`) the command runs through `/bin/sh -c 'exec "$0" "$@" 2>&1'`
 *   after the executable was resolved, so a missing one still rejects with ENOENT/EACCES (see
 *   `_shell-merge.ts`); on Windows, which has neither, fd 1 and fd 2 are the client end of a named pipe
 *   the caller reads (see `_named-pipe.ts`);
 * - a pipeline's stages are joined by a pipe passed as descriptors: `pipe2` where it is available, else a FIFO
 *   opened at both ends in the caller (@anyproc/channel's `fifoPipe`; Windows has neither, and core copies);
 * - stdin is a FileSink that buffers writes, reports EPIPE by throwing from `flush()` or through the
 *   promise `write()` returns, and drops data silently after exit: it is wrapped in a WritableStream whose
 *   writes are flushed (backpressure) and reject with EPIPE instead (see `_stdin.ts`).
 */
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import { fifoPipe, linuxOnlyPaths, onCallerExit, openFile, pathKind, windowsSupport } from "@anyproc/channel";
import {
  type ExitStatus,
  materializeEnv,
  type ProcessAdapter,
  type Signal,
  type SpawnedChild,
  type SpawnRequest,
  type StdoutLink,
} from "@anyproc/core";
import type { FileSink, Subprocess } from "bun";
import { type NamedPipe, openNamedPipe, socketReadable } from "./_named-pipe.js";
import { closeFd, openPipe, type Pipe, pipeAvailable, pipeReadable } from "./_pipe.js";
import { shellMergeArgv } from "./_shell-merge.js";
import { sinkToWeb } from "./_stdin.js";
import { bunWorkers, scripts } from "./_workers.js";

/** The anyproc adapter for Bun, built on `Bun.spawn`. */
export const adapter: ProcessAdapter = {
  runtime: "bun",
  execPath: process.execPath,
  spawn: (request) => spawnChild(request),
  pathKind,
  descriptors: true,
  openFile,
  // A pipe between two children is made with pipe2 (see _pipe.ts) where libc can be loaded, else through a FIFO
  // (POSIX); asked only by pipelines, since finding libc loads bun:ffi.
  get links() {
    return process.platform !== "win32";
  },
  onCallerExit,
  processTable,
  signalProcess,
  scripts,
  workers: bunWorkers((request) => spawnChild(request, undefined, false)),
  windows: windowsSupport,
};

/** `ps -A -o pid=,ppid=,pgid=`, run synchronously (killTree walks the tree it lists); null when ps fails. */
function processTable(): string | null {
  try {
    const result = Bun.spawnSync(["ps", "-A", "-o", "pid=,ppid=,pgid="], { stdio: ["ignore", "pipe", "ignore"], timeout: 5000 });
    return result.success ? result.stdout.toString() : null;
  } catch {
    return null;
  }
}

function signalProcess(pid: number, signal: Signal): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * The read ends of stdout pipes kept for a later child's stdin (`SpawnRequest.stdoutLink`): the caller never
 * reads them, passes them as the later child's stdin and closes them through the link.
 */
const linked = new WeakMap<StdoutLink, number>();

function newLink(fd: number): StdoutLink {
  let open = true;
  const link = {
    close() {
      if (open) {
        open = false;
        linked.delete(link);
        closeFd(fd);
      }
    },
  };
  linked.set(link, fd);
  return link;
}

function linkedFd(link: StdoutLink): number {
  const fd = linked.get(link);
  if (fd === undefined) throw new TypeError("`stdinLink` is not an open link of the Bun adapter: pass the `link` of a child it spawned");
  return fd;
}

/** How `stderr: "stdout"` is done: with an in-process pipe, a named pipe (Windows), or through the shell. */
export type MergeMethod = "pipe" | "named-pipe" | "shell";

/**
 * The merge method this platform supports: `"named-pipe"` on Windows, `"pipe"` wherever libc's `pipe2` can be
 * loaded, else `"shell"`.
 */
export function defaultMergeMethod(): MergeMethod {
  if (process.platform === "win32") return "named-pipe";
  return pipeAvailable() ? "pipe" : "shell";
}

/**
 * Starts `request` with `Bun.spawn`; `merge` picks how `stderr: "stdout"` is done (tests force `"shell"`).
 * With `pipesKeepAlive` false the child's output pipes never keep the event loop alive by themselves, only the
 * process does while it is referenced (see `ref`): Bun fixes whether a pipe keeps the loop alive when its stream
 * is made, from whether the process is referenced then, and `Subprocess.unref()` never reaches a pipe whose
 * stream exists. So the streams are made while the process is unreferenced. toProcess workers need this: an
 * idle worker's stderr stays open and must not keep its caller alive.
 */
export async function spawnChild(request: SpawnRequest, merge?: MergeMethod, pipesKeepAlive = true): Promise<SpawnedChild> {
  // undefined: Bun's own default, which is the caller's current environment (see startupEnv).
  const env = isStartupEnv(request.env) ? undefined : materializeEnv(request.env, process.env);
  const linking = request.stdoutLink === true;
  const merged = request.stderr === "stdout" && request.stdout === "pipe";
  // The merge method is looked up only when needed: finding libc loads bun:ffi.
  const method = linking ? "pipe" : merged ? (merge ?? defaultMergeMethod()) : null;
  // Checked before any pipe is made, so that a bad link leaves nothing open.
  const stdinFd = request.stdinLink ? linkedFd(request.stdinLink) : undefined;
  const pipe: Pipe | null = method !== "pipe" ? null : pipeAvailable() ? openPipe() : await fifoPipe();
  const named: NamedPipe | null = method === "named-pipe" ? await openNamedPipe() : null;
  // The descriptor the child gets as both fd 1 and fd 2; the caller closes its copy once the child has one.
  const mergeFd = pipe?.writeFd ?? named?.writeFd;
  const cmd =
    method === "shell"
      ? shellMergeArgv(request.file, request.args, request.cwd, env ?? materializeEnv(request.env, process.env))
      : [request.file, ...request.args];
  const fds = request.fds ?? {};
  // stdout "inherit" with stderr "stdout": fd 2 is the host's fd 1, not its fd 2.
  const stderr = request.stderr !== "stdout" ? request.stderr : request.stdout === "inherit" ? 1 : request.stdout;
  let proc: Subprocess;
  try {
    // https://bun.com/docs/runtime/child-process
    proc = Bun.spawn(cmd, {
      cwd: request.cwd,
      env,
      stdio: [
        fds.stdin ?? stdinFd ?? request.stdin,
        fds.stdout ?? mergeFd ?? request.stdout,
        fds.stderr ?? (merged ? (mergeFd ?? "ignore") : stderr),
      ],
      detached: request.detached,
      windowsVerbatimArguments: request.verbatim === true,
    });
  } catch (error) {
    if (pipe) closeFd(pipe.readFd);
    named?.readEnd.destroy();
    throw withCode(error);
  } finally {
    if (mergeFd !== undefined) closeFd(mergeFd);
  }

  const pid = proc.pid;
  let done = false;
  const gone = () => done || proc.exitCode !== null || proc.signalCode !== null;
  const exited = proc.exited.then(
    (code) => {
      done = true;
      return settle(proc, code);
    },
    () => {
      done = true;
      return settle(proc, null);
    },
  );
  const sink = request.stdin === "pipe" ? (proc.stdin as FileSink) : null;
  if (!pipesKeepAlive) proc.unref();
  const stdout = linking
    ? null
    : pipe
      ? pipeReadable(pipe.readFd)
      : named
        ? socketReadable(named.readEnd)
        : request.stdout === "pipe"
          ? (proc.stdout as ReadableStream<Uint8Array>)
          : null;
  const stderrStream = request.stderr === "pipe" ? (proc.stderr as ReadableStream<Uint8Array>) : null;
  if (!pipesKeepAlive) proc.ref();
  // The named pipe's socket keeps the loop alive as the process does, unless the pipes must never.
  const mergedEnd = named && pipesKeepAlive ? named.readEnd : null;
  if (named && !pipesKeepAlive) named.readEnd.unref();
  return {
    pid,
    stdin: sink ? sinkToWeb(sink, gone) : null,
    stdout,
    stderr: stderrStream,
    exited,
    ...(linking && pipe ? { link: newLink(pipe.readFd) } : {}),
    kill(signal, group) {
      try {
        if (group) {
          process.kill(-pid, signal);
          return true;
        }
        if (gone()) return false;
        proc.kill(signal);
        return true;
      } catch {
        return false;
      }
    },
    ref(keepAlive) {
      if (keepAlive) {
        proc.ref();
        sink?.ref();
        mergedEnd?.ref();
      } else {
        proc.unref();
        sink?.unref();
        mergedEnd?.unref();
      }
    },
  };
}

/**
 * `process.env` as Bun's spawn default has it (its environment map as it was at startup), or null when that
 * is unknown. It is known when, at the first spawn, `process.env` equals the process's initial environment
 * (`/proc/self/environ`, ASCII, no duplicate names): then no `.env` file added to Bun's map and nothing has
 * been changed yet. Elsewhere (no procfs, a `.env` file loaded, an early edit) the full env is always passed.
 */
let startupEnv: Readonly<Record<string, string>> | null | undefined;
let startupSize = 0;

function readStartupEnv(): Readonly<Record<string, string>> | null {
  let bytes: Uint8Array;
  if (!linuxOnlyPaths()) return null;
  try {
    bytes = readFileSync("/proc/self/environ");
  } catch {
    return null;
  }
  // Bytes outside ASCII may not decode as process.env has them.
  if (bytes.some((byte) => byte > 0x7f)) return null;
  const text = new TextDecoder().decode(bytes);
  const initial: Record<string, string> = Object.create(null);
  let size = 0;
  for (const entry of text.split("\0")) {
    if (entry === "") continue;
    const eq = entry.indexOf("=");
    if (eq <= 0) return null;
    const key = entry.slice(0, eq);
    if (key in initial) return null;
    initial[key] = entry.slice(eq + 1);
    size++;
  }
  startupSize = size;
  return sameEnv(initial) ? initial : null;
}

/** True when `process.env` holds exactly `initial`'s variables: comparing them costs far less than passing them. */
function sameEnv(initial: Readonly<Record<string, string>>): boolean {
  const current = process.env;
  const keys = Object.keys(current);
  if (keys.length !== startupSize) return false;
  for (const key of keys) if (current[key] !== initial[key]) return false;
  return true;
}

/** True when `request` asks for the caller's environment unchanged and Bun's default is exactly that. */
function isStartupEnv(request: SpawnRequest["env"]): boolean {
  if (!request.inherit || request.unset.length > 0) return false;
  for (const _ in request.set) return false;
  if (startupEnv === undefined) startupEnv = readStartupEnv();
  return startupEnv !== null && sameEnv(startupEnv);
}

/** The normalised status of an exited `proc`: a signal death never shows as 128+N. */
function settle(proc: Subprocess, code: number | null): ExitStatus {
  const signal = proc.signalCode;
  if (signal !== null) return { exitCode: null, signal: signalName(signal) };
  // `exitCode` is set on every normal exit; `code` only covers a failed waitpid (Bun reports no status then).
  return { exitCode: proc.exitCode ?? code ?? -1, signal: null };
}

/** Bun gives unnamed signals (real-time ones) as numbers. */
function signalName(signal: string | number): Signal {
  if (typeof signal === "string") return signal as Signal;
  const name = Object.entries(constants.signals).find(([, n]) => n === signal)?.[0];
  return (name ?? `SIG${signal}`) as Signal;
}

/** Bun's spawn errors carry `code`; make sure a bare `errno` becomes one too. */
function withCode(error: unknown): unknown {
  if (typeof error !== "object" || error === null || typeof (error as { code?: unknown }).code === "string") return error;
  const errno = (error as { errno?: unknown }).errno;
  const name = typeof errno === "number" ? Object.entries(constants.errno).find(([, n]) => n === -errno || n === errno)?.[0] : undefined;
  return name ? Object.assign(error, { code: name }) : error;
}
