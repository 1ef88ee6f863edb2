/** Whether a Deno process may read the variables that mark a toProcess worker: they are read only then. */
import { WORKER_VARIABLES } from "@anyproc/core/loader";

interface DenoPermissionQuery {
  permissions: { querySync(descriptor: { name: "env"; variable: string }): { state: "granted" | "prompt" | "denied" } };
}

/** Whether this process may read every variable that marks a worker, without a prompt. */
export function markerReadable(): boolean {
  try {
    const { permissions } = (globalThis as unknown as { Deno: DenoPermissionQuery }).Deno;
    return WORKER_VARIABLES.every((variable) => permissions.querySync({ name: "env", variable }).state === "granted");
  } catch {
    return false;
  }
}
