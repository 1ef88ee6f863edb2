/**
 * The Node.js adapter: maps a {@link SpawnRequest} onto `child_process.spawn` and normalises what comes
 * back. Policy (timeouts, abort, escalation, buffering) lives in @anyproc/core.
 *
 * Gaps of `child_process` papered over here, once:
 * - a spawn failure arrives as an async `'error'` event; we detect it synchronously (`pid` is undefined)
 *   and reject with the runtime error, whose `code` is already an errno name;
 * - Node cannot share one pipe between stdout and stderr, so `stderr: "stdout"` connects both to one end
 *   of a connected Unix socket pair made on an abstract address (Linux); the same pair, read into one
 *   reused buffer, carries stdout with {@link NodeAdapterOptions.reuseReadBuffer};
 * - Node makes no pipes between children (only socket pairs, slower for bulk bytes), so a pipeline's link is
 *   a pipe made through a FIFO on POSIX (see @anyproc/channel's fifo-pipe.ts), a socket pair elsewhere;
 * - an EPIPE on stdin is an `'error'` event that would crash the host: a listener is always attached and
 *   the failure surfaces as a rejected write.
 * https://nodejs.org/docs/latest-v20.x/api/child_process.html#child_processspawncommand-args-options
 */
import { type ChildProcess, execFileSync, type StdioOptions, spawn } from "node:child_process";
import { closeSync } from "node:fs";
import type { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import { type FifoPipe, fifoPipe, onCallerExit, openFile, pathKind, windowsSupport } from "@anyproc/channel";
import {
  type ExitStatus,
  materializeEnv,
  type ProcessAdapter,
  type Signal,
  type SpawnedChild,
  type SpawnRequest,
  type StdoutLink,
} from "@anyproc/core";
import { reuseReadBufferReader } from "./_reuse-read-buffer.js";
import { type SocketPair, socketPair } from "./_socket-pair.js";
import { readableToWeb, writableToWeb } from "./_streams.js";
import { scripts, workers } from "./_workers.js";

/** Options of {@link createAdapter}. */
export interface NodeAdapterOptions {
  /**
   * Read each piped stdout into one reused buffer (default false). A child_process pipe allocates a new
   * 64 KiB buffer for every read, which waits for the next GC, so streaming a large output raises the
   * caller's peak RSS whoever reads it. With this option stdout is one end of a socket pair read through
   * node:net's `onread`, and the stream is a byte stream: a BYOB reader that reuses its own buffer allocates
   * nothing per read. The price is a listen, a connect and a token before every spawn with piped stdout,
   * which is why it is not the default. See docs/reuse-read-buffer.md for the figures.
   */
  readonly reuseReadBuffer?: boolean;
}

/**
 * A Node.js adapter with `options`; {@link adapter} is the one with the defaults. Throws a `TypeError` for an
 * unknown option or a value of the wrong type.
 */
export function createAdapter(options: NodeAdapterOptions = {}): ProcessAdapter {
  const reuseReadBuffer = checkOptions(options);
  return {
    runtime: "node",
    execPath: process.execPath,
    spawn: (request) => spawnChild(request, reuseReadBuffer),
    pathKind,
    onCallerExit,
    processTable,
    signalProcess,
    links: true,
    descriptors: true,
    openFile,
    scripts,
    workers,
    windows: windowsSupport,
  };
}

/** `ps -A -o pid=,ppid=,pgid=`, run synchronously (killTree walks the tree it lists); null when ps fails. */
function processTable(): string | null {
  try {
    return execFileSync("ps", ["-A", "-o", "pid=,ppid=,pgid="], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 5000 });
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

/** Validates the options of {@link createAdapter}; returns `reuseReadBuffer`. */
function checkOptions(options: NodeAdapterOptions): boolean {
  const shown = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));
  if (typeof options !== "object" || options === null)
    throw new TypeError(`createAdapter options must be an object, got ${shown(options)}`);
  for (const key of Object.keys(options)) {
    if (key !== "reuseReadBuffer") throw new TypeError(`Unknown option ${JSON.stringify(key)} of createAdapter (known: reuseReadBuffer)`);
  }
  const { reuseReadBuffer = false } = options;
  if (typeof reuseReadBuffer !== "boolean") throw new TypeError(`\`reuseReadBuffer\` must be a boolean, got ${shown(reuseReadBuffer)}`);
  return reuseReadBuffer;
}

/** The anyproc adapter for Node.js, built on `child_process.spawn`. */
export const adapter: ProcessAdapter = createAdapter();

/** True when `env` is the caller's environment unchanged, which Node passes itself when `env` is undefined. */
function isCallerEnv(env: SpawnRequest["env"]): boolean {
  if (!env.inherit || env.unset.length > 0) return false;
  for (const _ in env.set) return false;
  return true;
}

/**
 * The read ends of stdout pipes kept for a later child's stdin (`SpawnRequest.stdoutLink`), passed as the later
 * child's stdin and closed by the link's `close`: on POSIX the read descriptor of a pipe made through a FIFO
 * (see @anyproc/channel's fifo-pipe.ts); on Windows, or where `mkfifo` cannot run, the parent end of a socket
 * pair that never reads.
 */
const linked = new WeakMap<StdoutLink, { readonly end: Socket | number; closed: boolean }>();

function newLink(end: Socket | number): StdoutLink {
  const state = { end, closed: false };
  const link = {
    close() {
      if (state.closed) return;
      state.closed = true;
      if (typeof end === "number") closeSync(end);
      else end.destroy();
    },
  };
  linked.set(link, state);
  return link;
}

function linkedEnd(link: StdoutLink): Socket | number {
  const state = linked.get(link);
  if (!state || state.closed || (typeof state.end !== "number" && state.end.destroyed))
    throw new TypeError("`stdinLink` is not an open link of the Node adapter: pass the `link` of a child it spawned");
  return state.end;
}

/** A pipe for a linked stdout where one can be made (POSIX with `mkfifo`), else null for a socket pair. */
function linkPipe(): Promise<FifoPipe | null> {
  return process.platform === "win32" ? Promise.resolve(null) : fifoPipe().catch(() => null);
}

async function spawnChild(request: SpawnRequest, reuseReadBuffer: boolean): Promise<SpawnedChild> {
  const linking = request.stdoutLink === true;
  const reader = reuseReadBuffer && request.stdout === "pipe" && !linking ? reuseReadBufferReader() : null;
  const merged = request.stderr === "stdout" && request.stdout === "pipe";
  // Checked before any pipe is made, so that a bad link leaves nothing open.
  const stdinEnd = request.stdinLink ? linkedEnd(request.stdinLink) : request.stdin;
  const fifo = linking ? await linkPipe() : null;
  const pair = !fifo && (linking || reader || merged) ? await socketPair(reader?.onread, linking) : null;
  const childOut = fifo ? fifo.writeFd : pair?.childEnd;
  const fds = request.fds ?? {};
  const stdio: StdioOptions = [
    fds.stdin ?? stdinEnd,
    fds.stdout ?? childOut ?? request.stdout,
    fds.stderr ?? (request.stderr !== "stdout" ? request.stderr : (childOut ?? (request.stdout === "inherit" ? 1 : "ignore"))),
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
      windowsVerbatimArguments: request.verbatim === true,
    });
  } catch (error) {
    pair?.parentEnd.destroy();
    if (fifo) closeSync(fifo.readFd);
    throw error;
  } finally {
    pair?.childEnd.destroy();
    if (fifo) closeSync(fifo.writeFd);
  }
  if (child.pid === undefined) {
    pair?.parentEnd.destroy();
    if (fifo) closeSync(fifo.readFd);
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
  if (reader && pair) reader.attach(pair.parentEnd);
  return {
    pid,
    stdin: child.stdin ? writableToWeb(child.stdin as Writable) : null,
    stdout: linking ? null : (reader ?? (stdout ? readableToWeb(stdout) : null)),
    ...(linking && (fifo || pair) ? { link: newLink(fifo ? fifo.readFd : (pair as SocketPair).parentEnd) } : {}),
    stderr: child.stderr ? readableToWeb(child.stderr) : null,
    exited,
    ref(keep) {
      for (const handle of [child, child.stdin, child.stdout, child.stderr, pair?.parentEnd]) {
        const h = handle as { ref?: () => void; unref?: () => void; destroyed?: boolean } | null | undefined;
        // A closed pipe has no handle left, and net.Socket would queue the call for a 'connect' event that
        // never comes: one more listener per call on a worker whose stdin was closed long ago.
        if (h?.destroyed) continue;
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
