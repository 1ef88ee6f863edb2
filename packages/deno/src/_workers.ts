/**
 * toProcess on Deno: workers are `deno run` processes running ./worker.js with the caller's permissions
 * (each permission the caller holds in full is passed on as its --allow flag; -A when it holds them all).
 * Deno runs TypeScript modules natively.
 */
import { scriptSupport, workerSupport } from "@anyproc/channel";

interface DenoPermissions {
  execPath(): string;
  permissions: { querySync(descriptor: { name: string }): { state: "granted" | "prompt" | "denied" } };
}

const PERMISSIONS = ["read", "write", "net", "env", "run", "sys", "ffi", "import"] as const;

/** The --allow flags for every permission this process holds in full. */
export function permissionFlags(deno: DenoPermissions): string[] {
  const granted = PERMISSIONS.filter((name) => {
    try {
      return deno.permissions.querySync({ name }).state === "granted";
    } catch {
      return false;
    }
  });
  return granted.length === PERMISSIONS.length ? ["-A"] : granted.map((name) => `--allow-${name}`);
}

const dist = new URL("../dist/", import.meta.url);

/** Starting scripts with `deno run` and the caller's permissions. */
export const scripts = scriptSupport(() => {
  const deno = (globalThis as unknown as { Deno: DenoPermissions }).Deno;
  return [deno.execPath(), "run", "--no-prompt", ...permissionFlags(deno)];
}, dist);

/** The Deno toProcess support. */
export const workers = workerSupport(scripts, dist);
