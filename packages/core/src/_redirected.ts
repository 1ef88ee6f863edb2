/**
 * Starting a child with redirected streams (see ./_redirect.ts). The files are opened by the adapter before the
 * spawn, so a file that cannot be opened is a `SpawnError` naming it and nothing is spawned. Where the adapter
 * passes descriptors, the child gets the file's descriptor and core closes its own copy once the child runs;
 * elsewhere the stream is piped and core copies between the pipe and the file, and the child's exit is
 * reported once its output is in the file (after its pipe ends, or has stayed silent as ./_collect.ts waits).
 */
import { EXIT_IDLE_TICKS, EXIT_TICK_MS } from "./_collect.js";
import { type Copy, copyPipe } from "./_copy.js";
import { quote } from "./_format.js";
import type { Plan } from "./_options.js";
import { inCwd } from "./_path.js";
import type { Redirect, Redirects } from "./_redirect.js";
import { streamOf } from "./_streams.js";
import { windowsPath } from "./_windows.js";
import type { OpenedFile, ProcessAdapter, SpawnedChild, SpawnRequest } from "./adapter.js";
import { SpawnError } from "./errors.js";

type Stream = "stdin" | "stdout" | "stderr";
const STREAMS: readonly Stream[] = ["stdin", "stdout", "stderr"];

/** Starts `plan` with its `redirects` applied, through `spawn` (the plain start of ./_spawn.ts). */
export async function startRedirected(
  adapter: ProcessAdapter,
  plan: Plan,
  redirects: Redirects,
  spawn: (request: SpawnRequest) => Promise<SpawnedChild>,
): Promise<SpawnedChild> {
  const byFd = adapter.descriptors === true;
  const fds: { stdin?: number; stdout?: number; stderr?: number } = {};
  const files: { stream: Stream; file: OpenedFile }[] = [];
  const closeAll = () => Promise.all(files.map(({ file }) => file.close().catch(() => {})));
  try {
    for (const stream of STREAMS) {
      const redirect = redirects[stream];
      if (!redirect) continue;
      if ("fd" in redirect && byFd) {
        fds[stream] = redirect.fd;
        continue;
      }
      const file = await open(adapter, plan, stream, redirect, byFd);
      files.push({ stream, file });
      if ("fd" in file) fds[stream] = file.fd;
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  // stderr: "stdout" goes wherever stdout goes: to the same descriptor.
  if (plan.request.stderr === "stdout" && fds.stdout !== undefined) fds.stderr = fds.stdout;
  const request: SpawnRequest = {
    ...plan.request,
    ...(fds.stdin !== undefined ? { stdin: "ignore" } : {}),
    ...(fds.stdout !== undefined ? { stdout: "ignore" } : {}),
    ...(fds.stderr !== undefined ? { stderr: "ignore" } : {}),
    ...(Object.keys(fds).length > 0 ? { fds } : {}),
  };
  let child: SpawnedChild;
  try {
    child = await spawn(request);
  } catch (error) {
    await closeAll();
    throw error;
  }
  const copied = files.filter(({ file }) => !("fd" in file));
  // The child holds its own descriptors now.
  for (const { file } of files) if ("fd" in file) void file.close().catch(() => {});
  if (copied.length === 0) return child;
  return copying(child, copied);
}

/** `child` with core copying between its pipes and the `copied` files; its exit is reported once they are done. */
function copying(child: SpawnedChild, copied: { stream: Stream; file: OpenedFile }[]): SpawnedChild {
  const copies: { stream: Stream; copy: Copy; file: OpenedFile }[] = [];
  for (const { stream, file } of copied) {
    if (stream === "stdin" && "readable" in file && child.stdin) copies.push({ stream, file, copy: copyPipe(file.readable, child.stdin) });
    const pipe = stream === "stdout" ? child.stdout : stream === "stderr" ? child.stderr : null;
    if (pipe && "writable" in file) copies.push({ stream, file, copy: copyPipe(streamOf(pipe), file.writable) });
  }
  const taken = new Set(copies.map(({ stream }) => stream));
  const exited = child.exited.then(async (status) => {
    await Promise.all(
      copies.map(async ({ stream, copy, file }) => {
        // What the child wrote is in its pipe; what it did not read of its stdin file no longer matters.
        if (stream === "stdin") await copy.release();
        else await drained(copy);
        await file.close().catch(() => {});
      }),
    );
    return status;
  });
  return {
    pid: child.pid,
    stdin: taken.has("stdin") ? null : child.stdin,
    stdout: taken.has("stdout") ? null : child.stdout,
    stderr: taken.has("stderr") ? null : child.stderr,
    exited,
    kill: (signal, group) => child.kill(signal, group),
    ...(child.link ? { link: child.link } : {}),
    ...(child.ref ? { ref: (keep: boolean) => child.ref?.(keep) } : {}),
  };
}

/** Waits for `copy` to reach EOF, or to see nothing new for as long as runProcess waits after an exit. */
async function drained(copy: Copy): Promise<void> {
  let seen = copy.bytes;
  let ended = false;
  void copy.done.then(() => (ended = true));
  for (let idle = 0; !ended && idle < EXIT_IDLE_TICKS; ) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([copy.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_TICK_MS)))]);
    clearTimeout(timer);
    if (copy.bytes !== seen) {
      seen = copy.bytes;
      idle = 0;
    } else idle++;
  }
  if (!ended) await copy.release();
}

/** Opens the file of `redirect` for `stream` through the adapter; a failure is a `SpawnError` naming the file. */
async function open(adapter: ProcessAdapter, plan: Plan, stream: Stream, redirect: Redirect, byFd: boolean): Promise<OpenedFile> {
  const windows = adapter.windows !== undefined;
  if ("fd" in redirect && windows) {
    throw new TypeError(
      `\`${stream}\` as descriptor ${redirect.fd} needs an adapter that passes descriptors (Deno on Windows cannot): use { file }`,
    );
  }
  if (!adapter.openFile) throw new TypeError(`\`${stream}\` cannot be redirected: the ${adapter.runtime} adapter has no openFile`);
  // On Windows the path of a file: URL, the file's or the cwd's, is spelled as Windows spells it.
  const cwd = windows && plan.request.cwd !== undefined ? windowsPath(plan.request.cwd) : plan.request.cwd;
  const path = "fd" in redirect ? `/dev/fd/${redirect.fd}` : inCwd(windows ? windowsPath(redirect.file) : redirect.file, cwd, windows);
  const access = "fd" in redirect ? (stream === "stdin" ? "read" : "append") : redirect.access;
  try {
    // open(2) opens a directory for reading, and the child would fail at its first read: refuse it here.
    if (access === "read" && "file" in redirect && (await adapter.pathKind(path)) === "directory") {
      throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
    }
    return await adapter.openFile(path, access, byFd ? "fd" : "stream");
  } catch (error) {
    const raw = (error as { code?: unknown } | null)?.code;
    const code = typeof raw === "string" && raw !== "" ? raw : "EUNKNOWN";
    const what = `the ${stream} file ${quote(path)}`;
    const why =
      code === "ENOENT"
        ? stream === "stdin"
          ? `${what} does not exist`
          : `the folder of ${what} does not exist`
        : code === "EISDIR"
          ? `${what} is a directory`
          : code === "EACCES" || code === "EPERM"
            ? `${what} cannot be opened: permission denied`
            : `${what} cannot be opened: ${error instanceof Error ? error.message : String(error)}`;
    throw new SpawnError(`Failed to spawn ${quote(plan.request.file)}: ${why} (${code})`, { code, args: plan.args, cwd, cause: error });
  }
}
