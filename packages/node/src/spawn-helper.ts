/**
 * The opt-in spawn helper: a small Node process that runs `child_process.spawn` for the caller. Node 20's
 * libuv starts a child with a plain fork(), whose cost grows with the forking process's memory (touched
 * Buffer memory most of all). The helper is started while the caller is small and stays small, so every
 * later spawn costs what it costs at a small heap, plus a request and a reply over IPC. While it serves, the
 * toProcess workers of the plain Node adapters start through it too (see ./_workers.ts).
 * See docs/spawn-helper.md for the numbers, the costs and the limits.
 */
import { resolve } from "node:path";
import {
  type BoundProcessApi,
  bindAdapter,
  createToProcess,
  type ExitStatus,
  materializeEnv,
  type ProcessAdapter,
  type SpawnedChild,
  type SpawnRequest,
  type ToProcess,
} from "@anyproc/core";
import { type HelperChild, HelperProcess } from "./_helper-process.js";
import { readableToWeb, writableToWeb } from "./_streams.js";
import { addWorkerLauncher, ownWorkers } from "./_workers.js";
import { adapter as direct } from "./adapter.js";

/** Options of {@link startSpawnHelper}. */
export interface SpawnHelperOptions {
  /**
   * Start a new helper on the next spawn after the helper died unexpectedly (default true). The new helper
   * is forked from the caller as it is then, so that one start pays the large-heap cost once. With false,
   * every spawn after the death rejects with a `SpawnError` whose code is `ESPAWNHELPER`.
   */
  readonly restart?: boolean;
}

/** A running spawn helper and the anyproc functions bound to it. */
export interface SpawnHelper extends BoundProcessApi {
  /** An adapter whose `spawn` goes through the helper; everything else is the direct Node adapter's. */
  readonly adapter: ProcessAdapter;
  /**
   * Worker pools whose workers are started through the helper too, as every other child of this object (after
   * close() they reject). The plain `toProcess` of `@anyproc/node` starts its workers through a helper that
   * serves as well, and as any child otherwise.
   */
  readonly toProcess: ToProcess;
  /** The pid of the helper process now running, or undefined once it is gone (until a restart). */
  readonly pid: number | undefined;
  /**
   * Kills (SIGKILL) the children started through the helper that still run, waits for their exits to be
   * reported, then ends the helper. Later spawns reject with `ESPAWNHELPER`. Idempotent.
   * Children that must outlive the helper: do not call close(); the helper exits by itself with the caller.
   */
  close(): Promise<void>;
}

/** The helper's entry, built next to this package's index.js (from src/, in the repository, this is dist/ too). */
/** The helper's script, resolved when a helper starts (a CommonJS bundle has no `import.meta.url` to resolve at load). */
const helperScript = () => decodeURIComponent(new URL("../dist/helper.js", import.meta.url).pathname);

/**
 * Starts a spawn helper now, while the caller is (presumably) still small, and returns an adapter and
 * `runProcess`/`openProcess`/`toProcess` that start children through it. Behaviour is that of the direct
 * adapter (the same conformance suite passes); only the cost differs.
 *
 * **Details.** Each piped stream is a Unix socket the caller has connected to the helper (a few are kept
 * connected ahead of need); the helper gives its end to the child, so output is read only by the caller; env and cwd are resolved in the caller at each spawn;
 * signals are sent by the caller straight to the child's pid. While no child runs the helper does not keep
 * the caller alive, and it exits when the caller does.
 *
 * **Workers.** While the helper serves (from its start-up until close() or its death), the toProcess pools of
 * the plain Node adapters, `toProcess` of `@anyproc/node` and of `anyproc` included, start their workers through it
 * as well (of several helpers, the one started last). A worker start costs a whole Node start, next to which the
 * helper's request and reply are nothing, while a fork() of a big caller costs tens of milliseconds. While the
 * helper is still starting, after close() and once it is gone, workers start as any child.
 *
 * **Gotchas.** `stdio: "inherit"` connects the child to the fds 0–2 the caller had when the helper started
 * (a worker's stdout too). If the helper is killed, children still running are killed with SIGKILL and
 * reported so.
 *
 * ```ts
 * import { startSpawnHelper } from "@anyproc/node/spawn-helper";
 * const helper = startSpawnHelper(); // early, before the heap grows
 * const { stdout } = await helper.runProcess(["git", "rev-parse", "HEAD"]);
 * ```
 */
export function startSpawnHelper(options: SpawnHelperOptions = {}): SpawnHelper {
  const restart = options.restart ?? true;
  let current = new HelperProcess(helperScript());
  let closed: Promise<void> | null = null;
  const running = (): HelperProcess => {
    if (closed) throw Object.assign(new Error("the spawn helper was closed"), { code: "ESPAWNHELPER" });
    if (current.gone && restart) current = new HelperProcess(helperScript());
    if (current.gone) throw current.gone;
    return current;
  };
  // The helper starts the children, so no descriptor of this process reaches them: a pipeline's stages and a
  // redirected file are joined by core's copy (files opened here as streams). Its pools start their workers
  // through this helper alone, as every other child.
  const adapter: ProcessAdapter = {
    ...direct,
    spawn: async (request) => spawnThrough(running(), request),
    links: false,
    descriptors: false,
    workers: ownWorkers,
  };
  // The pools of the plain adapters start their workers here too while the helper serves, and as any child
  // otherwise: while it starts (not to wait for it), after close(), or once it is gone (a restart is left to
  // the next spawn through the helper, which would fork this process as it is now).
  const removeLauncher = addWorkerLauncher(async (request) => {
    if (closed || !current.serving) return direct.spawn(request);
    try {
      return await spawnThrough(current, request);
    } catch (error) {
      // The helper died or broke a connection before the worker started: start it as any child.
      if ((error as { code?: unknown } | null)?.code === "ESPAWNHELPER") return direct.spawn(request);
      throw error;
    }
  });
  return {
    ...bindAdapter(adapter),
    adapter,
    toProcess: createToProcess(adapter),
    get pid() {
      return current.gone ? undefined : current.child.pid;
    },
    close() {
      removeLauncher();
      closed ??= current.close();
      return closed;
    },
  };
}

async function spawnThrough(helper: HelperProcess, request: SpawnRequest): Promise<SpawnedChild> {
  // Resolved here, at spawn time, so later process.env edits and process.chdir() calls are honoured.
  const env = materializeEnv(request.env, process.env);
  const cwd = resolve(request.cwd ?? ".");
  let keep = true;
  helper.hold(true);
  let done = false;
  let onExit!: (status: ExitStatus) => void;
  const exited = new Promise<ExitStatus>((settle) => (onExit = settle));
  let started: HelperChild;
  try {
    started = await helper.spawn(request, env, cwd, (status) => {
      done = true;
      if (keep) helper.hold(false);
      keep = false;
      onExit(status);
    });
  } catch (error) {
    if (keep) helper.hold(false);
    keep = false;
    throw error;
  }
  const { pid, sockets } = started;
  const [stdin, stdout, stderr] = sockets;
  return {
    pid,
    stdin: stdin ? writableToWeb(stdin) : null,
    stdout: stdout ? readableToWeb(stdout) : null,
    stderr: stderr ? readableToWeb(stderr) : null,
    exited,
    ref(keepAlive) {
      for (const socket of sockets) {
        if (keepAlive) socket?.ref();
        else socket?.unref();
      }
      if (done || keepAlive === keep) return;
      keep = keepAlive;
      helper.hold(keepAlive);
    },
    kill(signal, group) {
      try {
        if (group) {
          process.kill(-pid, signal);
          return true;
        }
        // After the helper reported the exit the pid may be reused: never signal it then. (Between the
        // helper reaping the child and the report arriving, a signal can still reach a recycled pid, a window of
        // one IPC message; the kernel hands out pids in order, so that needs a full wrap of pid_max meanwhile.)
        if (done) return false;
        process.kill(pid, signal);
        return true;
      } catch {
        return false;
      }
    },
  };
}
