/** Starting a child through an adapter, turning any failure into one `SpawnError` with a clear message. */

import type { Plan } from "./_options.js";
import { treeCapable } from "./_supervisor.js";
import type { ProcessAdapter, SpawnedChild } from "./adapter.js";
import { SpawnError } from "./errors.js";

/**
 * Spawns `plan` with `adapter`; rejects with `SpawnError` when no child was started. A `killTree` child of an
 * adapter that cannot read the process table is spawned `detached`, so that its process group can be signalled.
 */
export async function start(adapter: ProcessAdapter, plan: Plan): Promise<SpawnedChild> {
  const { request } = plan;
  try {
    return await adapter.spawn(
      plan.policy.killTree && !request.detached && !treeCapable(adapter) ? { ...request, detached: true } : request,
    );
  } catch (error) {
    throw await spawnError(adapter, plan, error);
  }
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
    why = plan.request.file.includes("/") ? "no such file" : "command not found on PATH";
  } else if (code === "EACCES") {
    why = "permission denied (not an executable file)";
  } else if (code === "ENOTDIR") {
    why = "a component of its path is not a directory";
  } else {
    why = error instanceof Error ? error.message : String(error);
  }
  return new SpawnError(`Failed to spawn ${file}: ${why} (${code})`, { code, args: plan.args, cwd, cause: error });
}
