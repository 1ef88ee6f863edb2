/** What is at a path, through node:fs (Node and Bun): the adapters' `pathKind`. */
import type { PathKind } from "@anyproc/core";

/** What is at `path`; never rejects. A path through a non-directory is "not-directory", as chdir(2) says. */
export async function pathKind(path: string): Promise<PathKind> {
  const { stat } = await import("node:fs/promises"); // loaded on first use, which a spawn that succeeds on Linux or macOS never makes
  return stat(path).then(
    (s) => (s.isDirectory() ? "directory" : "not-directory"),
    (error: { code?: unknown }) => (error?.code === "ENOENT" ? "missing" : error?.code === "ENOTDIR" ? "not-directory" : "unknown"),
  );
}
