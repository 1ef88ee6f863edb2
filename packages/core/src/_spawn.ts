/** Starting a child through an adapter, turning any failure into one `SpawnError` with a clear message. */

import { quote } from "./_format.js";
import type { Plan } from "./_options.js";
import { inCwd, isPath, parentOf } from "./_path.js";
import { startRedirected } from "./_redirected.js";
import { treeCapable } from "./_supervisor.js";
import { CMD_FLAGS, windowsRequest, windowsShell } from "./_windows.js";
import type { PathKind, ProcessAdapter, SpawnedChild, SpawnRequest } from "./adapter.js";
import { SpawnError } from "./errors.js";

/**
 * Spawns `plan` with `adapter`; rejects with `SpawnError` when no child was started. A `killTree` child of an
 * adapter that cannot read the process table is spawned `detached`, so that its process group can be signalled
 * (not on Windows, which has no process groups: `taskkill /T` ends the tree there). On Windows the request
 * first becomes what Windows runs (see _windows.ts).
 */
export async function start(adapter: ProcessAdapter, plan: Plan): Promise<SpawnedChild> {
  return plan.redirects
    ? startRedirected(adapter, plan, plan.redirects, (request) => startRequest(adapter, plan, request))
    : startRequest(adapter, plan, plan.request);
}

/** Spawns `given`, the request of `plan` or one derived from it. */
async function startRequest(adapter: ProcessAdapter, plan: Plan, given: SpawnRequest): Promise<SpawnedChild> {
  const { windows } = adapter;
  const request = windows ? await windowsRequest(windows, given, plan.shell, (path) => adapter.pathKind(path)) : given;
  try {
    return await adapter.spawn(
      plan.policy.killTree && !request.detached && !treeCapable(adapter) && !windows ? { ...request, detached: true } : request,
    );
  } catch (error) {
    throw await spawnError(adapter, plan, request, error);
  }
}

/** What runs a string command on `adapter`'s platform, before the command: `cmd.exe /d /s /c` on Windows, else the default (`/bin/sh -c`). */
export function shellFor(adapter: ProcessAdapter): readonly string[] | undefined {
  return adapter.windows ? [windowsShell(adapter.windows), ...CMD_FLAGS] : undefined;
}

/**
 * The `SpawnError` for `error`, with the code and reason POSIX gives on every platform. Runtimes disagree where
 * the cwd or the command is not what a program needs (Deno says ENOENT for a cwd that is a file; Windows says
 * ENOENT for a cwd through a file and for a directory as the command), so when the runtime says ENOENT or
 * ENOTDIR the paths are looked at: a cwd that is missing is ENOENT, one that is a file or goes through one
 * ENOTDIR (as chdir(2) says), and a command path that is a directory EACCES (as execve(2) says). `request` is
 * the request as spawned, so the cwd is named as the child was given it (a file: URL spelled as a path).
 */
async function spawnError(adapter: ProcessAdapter, plan: Plan, request: SpawnRequest, error: unknown): Promise<SpawnError> {
  const raw = (error as { code?: unknown } | null)?.code;
  let code = typeof raw === "string" && raw !== "" ? raw : "EUNKNOWN";
  const { cwd } = request;
  const { file } = plan.request;
  const windows = adapter.windows !== undefined;
  const paths = code === "ENOENT" || code === "ENOTDIR";
  const cwdKind = paths && cwd !== undefined ? await cwdPathKind(adapter, cwd) : "unknown";
  let why: string;
  if (cwdKind === "missing") {
    [code, why] = ["ENOENT", `the cwd ${quote(cwd as string)} does not exist`];
  } else if (cwdKind === "not-directory") {
    [code, why] = ["ENOTDIR", `the cwd ${quote(cwd as string)} is not a directory`];
  } else if (code === "ENOENT" && isPath(file, windows) && (await kindOf(adapter, inCwd(file, cwd, windows))) === "directory") {
    [code, why] = ["EACCES", "permission denied (not an executable file)"];
  } else if (code === "ENOENT") {
    why = isPath(file, windows) ? "no such file" : "command not found on PATH";
  } else if (code === "EACCES") {
    why = "permission denied (not an executable file)";
  } else if (code === "ENOTDIR") {
    why = "a component of its path is not a directory";
  } else {
    why = error instanceof Error ? error.message : String(error);
  }
  return new SpawnError(`Failed to spawn ${quote(file)}: ${why} (${code})`, { code, args: plan.args, cwd, cause: error });
}

/** What is at `path`, asked of the adapter; "unknown" if it fails anyway. */
function kindOf(adapter: ProcessAdapter, path: string): Promise<PathKind> {
  return adapter.pathKind(path).catch(() => "unknown" as const);
}

/**
 * What is at the cwd `path`, as chdir(2) sees it: a path through a file is "not-directory". Windows reports
 * such a path as missing (ERROR_PATH_NOT_FOUND), so a missing path is "not-directory" when the nearest of its
 * parents that exists is not a directory.
 */
async function cwdPathKind(adapter: ProcessAdapter, path: string): Promise<PathKind> {
  const kind = await kindOf(adapter, path);
  if (kind !== "missing") return kind;
  const windows = adapter.windows !== undefined;
  for (let parent = parentOf(path, windows); parent !== undefined; parent = parentOf(parent, windows)) {
    const above = await kindOf(adapter, parent);
    if (above !== "missing") return above === "not-directory" ? "not-directory" : "missing";
  }
  return "missing";
}
