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
  const code = typeof raw === "string" && raw !== "" ? raw : "EUNKNOWN";
  const cwd = plan.request.cwd;
  const file = JSON.stringify(plan.request.file);
  let why: string;
  if (cwd !== undefined && (code === "ENOENT" || code === "ENOTDIR") && !(await adapter.isDirectory(cwd).catch(() => false))) {
    why = `the cwd ${JSON.stringify(cwd)} does not exist or is not a directory`;
  } else if (code === "ENOENT") {
    why = plan.request.file.includes("/") ? "no such file" : "command not found on PATH";
  } else if (code === "EACCES") {
    why = "permission denied (not an executable file)";
  } else {
    why = error instanceof Error ? error.message : String(error);
  }
  return new SpawnError(`Failed to spawn ${file}: ${why} (${code})`, { code, args: plan.args, cwd, cause: error });
}
