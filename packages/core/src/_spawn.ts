/** Starting a child through an adapter, turning any failure into one `SpawnError` with a clear message. */

import type { Plan } from "./_options.js";
import { startRedirected } from "./_redirected.js";
import { treeCapable } from "./_supervisor.js";
import { CMD_FLAGS, windowsRequest, windowsShell } from "./_windows.js";
import type { ProcessAdapter, SpawnedChild, SpawnRequest } from "./adapter.js";
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
    throw await spawnError(adapter, plan, error);
  }
}

/** What runs a string command on `adapter`'s platform, before the command: `cmd.exe /d /s /c` on Windows, else the default (`/bin/sh -c`). */
export function shellFor(adapter: ProcessAdapter): readonly string[] | undefined {
  return adapter.windows ? [windowsShell(adapter.windows), ...CMD_FLAGS] : undefined;
}

async function spawnError(adapter: ProcessAdapter, plan: Plan, error: unknown): Promise<SpawnError> {
  const raw = (error as { code?: unknown } | null)?.code;
  let code = typeof raw === "string" && raw !== "" ? raw : "EUNKNOWN";
  const cwd = plan.request.cwd;
  const file = JSON.stringify(plan.request.file);
  // Runtimes disagree on the code of a cwd that is not a directory (Deno says ENOENT for a file): when the cwd
  // is the cause, the code is the one chdir(2) gives, ENOENT for nothing there and ENOTDIR for a non-directory.
  const kind =
    cwd !== undefined && (code === "ENOENT" || code === "ENOTDIR") ? await adapter.pathKind(cwd).catch(() => "unknown") : "unknown";
  let why: string;
  if (kind === "missing") {
    [code, why] = ["ENOENT", `the cwd ${JSON.stringify(cwd)} does not exist`];
  } else if (kind === "not-directory") {
    [code, why] = ["ENOTDIR", `the cwd ${JSON.stringify(cwd)} is not a directory`];
  } else if (code === "ENOENT") {
    why = /[\\/]/.test(plan.request.file) ? "no such file" : "command not found on PATH";
  } else if (code === "EACCES") {
    why = "permission denied (not an executable file)";
  } else if (code === "ENOTDIR") {
    why = "a component of its path is not a directory";
  } else {
    why = error instanceof Error ? error.message : String(error);
  }
  return new SpawnError(`Failed to spawn ${file}: ${why} (${code})`, { code, args: plan.args, cwd, cause: error });
}
