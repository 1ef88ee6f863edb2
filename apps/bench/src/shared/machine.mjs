// What a result was measured on: CPUs, OS, load, runtime and package versions, git state, date.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, release } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../..", import.meta.url));

/** The version of a dependency of the bench, from its installed package.json (some packages do not export it). */
export const packageVersion = (name) =>
  JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;

/** The repository's commit, and whether packages/ has uncommitted changes (the bench measures packages/*\/dist). */
function gitState() {
  try {
    const git = (...args) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8" }).trim();
    return { commit: git("rev-parse", "--short", "HEAD"), packagesDirty: git("status", "--porcelain", "--", "packages").length > 0 };
  } catch {
    return { commit: null, packagesDirty: null };
  }
}

/** The 1-minute load average (a busy machine inflates every figure). */
export const load = () => Number(loadavg()[0].toFixed(2));

/** The machine and software a run used; `runtimeVersions` comes from the measurement processes. */
export function describeMachine(runtimeVersions) {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? "unknown",
    kernel: `${process.platform} ${release()}`,
    versions: {
      ...runtimeVersions,
      anyproc: packageVersion("anyproc"),
      tinypool: packageVersion("tinypool"),
      tinybench: packageVersion("tinybench"),
    },
    git: gitState(),
  };
}
