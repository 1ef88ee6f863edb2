/**
 * toProcess on Deno: workers are `deno run` processes with the caller's permissions (each permission the
 * caller holds in full is passed on as its --allow flag; -A when it holds them all), running the bundled
 * program of ./worker.ts read from stdin, so no file of this package is needed at run time (it works from
 * Deno's npm cache, with no node_modules folder). Deno runs TypeScript modules natively. In a single-file
 * binary (`deno compile`) the executable runs only the program built into it: a worker is the binary itself
 * (see {@link serveIfStartedAsWorker}).
 */
import { runWorker, scriptSupport, startedAsWorker, workerSupport } from "@anyproc/channel";
import program from "./_generated/worker-source.ts";

interface DenoPermissions {
  execPath(): string;
  build: { standalone?: boolean };
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

const deno = () => (globalThis as unknown as { Deno: DenoPermissions }).Deno;
const runtimeArgv = () => [deno().execPath(), "run", "--no-prompt", ...permissionFlags(deno())];

/** Starting scripts with `deno run` and the caller's permissions. */
export const scripts = scriptSupport(runtimeArgv, () => new URL("../dist/", import.meta.url));

/** The Deno toProcess support. */
export const workers = workerSupport({
  stdinArgv: () => [...runtimeArgv(), "-"],
  program,
  standalone: () => deno().build.standalone === true,
});

/**
 * When this process was started as a worker (a single-file binary re-run by its pool), serves calls until the
 * pool is done and exits; the returned promise never settles then, so the entry that awaits it at top level
 * keeps the program's own code from running. Otherwise returns undefined.
 */
export function serveIfStartedAsWorker(): Promise<never> | undefined {
  return startedAsWorker() ? runWorker() : undefined;
}
