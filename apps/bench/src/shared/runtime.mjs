// Which runtime this process is, its version, and the argv that runs a script on it (inside a measurement).
import process from "node:process";

/** "node", "bun" or "deno". */
export function runtimeName() {
  if (typeof globalThis.Deno !== "undefined") return "deno";
  if (typeof globalThis.Bun !== "undefined") return "bun";
  return "node";
}

/** The version of this runtime. */
export function runtimeVersion() {
  const name = runtimeName();
  if (name === "deno") return globalThis.Deno.version.deno;
  if (name === "bun") return globalThis.Bun.version;
  return process.versions.node;
}

/** argv that runs the script at `path` on this runtime, as toProcess starts its own workers. */
export function scriptArgv(path) {
  if (runtimeName() === "deno") return [globalThis.Deno.execPath(), "run", "--no-prompt", "-A", path];
  return [process.execPath, path];
}
