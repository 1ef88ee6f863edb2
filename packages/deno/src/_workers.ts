/**
 * toProcess on Deno: workers are `deno run` processes with the caller's permissions (each permission the
 * caller holds in full is passed on as its --allow flag; -A when it holds them all; env access to the variables
 * that lead a worker to its pool in any case), running the bundled
 * program of ./worker.ts read from stdin, so no file of this package is needed at run time (it works from
 * Deno's npm cache, with no node_modules folder). Deno runs TypeScript modules natively. In a single-file
 * binary (`deno compile`) the executable runs only the program built into it: a worker is the binary itself
 * (see {@link serveIfWorker}).
 */

import { scriptSupport, serveIfStartedAsWorker, type WorkerLaunch, workerSupport } from "@anyproc/channel";
import { WORKER_VARIABLES } from "@anyproc/core";
import { onCallerExit } from "./_exit-hook.ts";
import { engines } from "./_generated/engines.ts";
import { markerReadable } from "./_worker-marker.ts";

interface DenoPermissions {
  execPath(): string;
  version: { deno: string };
  build: { standalone?: boolean };
  permissions: { querySync(descriptor: { name: string; variable?: string }): { state: "granted" | "prompt" | "denied" } };
}

const PERMISSIONS = ["read", "write", "net", "env", "run", "sys", "ffi", "import"] as const;

/** The --allow flags for every permission this process holds in full. */
function permissionFlags(deno: DenoPermissions): string[] {
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
export const scripts = scriptSupport(runtimeArgv);

const launch: WorkerLaunch = {
  stdinArgv: () => {
    const argv = runtimeArgv();
    // A worker reads (and removes) the variables that lead it to its pool, whatever env permission the
    // caller holds: it is given access to those two and no others.
    if (!argv.includes("-A") && !argv.includes("--allow-env")) argv.push(`--allow-env=${WORKER_VARIABLES.join(",")}`);
    return [...argv, "-"];
  },
  // A module of its own, which esbuild splits off: only a process that starts workers loads the program's text.
  program: () => import("./_generated/worker-source.ts").then((module) => module.default),
  standalone: () => deno().build.standalone === true,
  markerReadable,
  onCallerExit,
  floor: () => ({
    runtime: "Deno",
    version: deno().version.deno,
    range: engines.deno ?? "",
    why: "older Deno needs --allow-write to listen on the Unix socket its workers connect to, or cannot load the adapter",
  }),
};

/** The Deno toProcess support. */
export const workers = workerSupport(launch);

/**
 * In a single-file binary started as a worker by its pool, serves calls and never settles, so the entry that
 * awaits it at top level keeps the program's own code from running; otherwise undefined. A binary compiled
 * without env permission for the worker variables never reads them and never starts itself as a worker.
 */
export const serveIfWorker = () => serveIfStartedAsWorker(launch);
