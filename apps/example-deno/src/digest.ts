// The CPU-bound part of the build, run in toProcess workers: a digest of each artefact.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** The SHA-256 of the file at `path`, in hex, and its size in bytes. */
export function digestFile(path: string): { sha256: string; bytes: number } {
  const data = readFileSync(path);
  return { sha256: createHash("sha256").update(data).digest("hex"), bytes: data.length };
}
