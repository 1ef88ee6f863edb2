/**
 * Small helpers shared by the case files: rejections, reading until a marker, scratch directories and files.
 * Files are made and read through node:fs and node:os, which Node, Bun and Deno all provide, so that no
 * case needs a Unix tool for them.
 */
import { mkdir, mkdtemp, readdir, realpath, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context } from "./_context.js";

/** One mebibyte. */
export const MiB = 1024 * 1024;

/** The rejection of `promise`; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

/** Reads until the text read so far contains `needle` (or the stream ends); returns that text. */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string): Promise<string> {
  const decoder = new TextDecoder();
  let out = "";
  while (!out.includes(needle)) {
    const { done, value } = await reader.read();
    if (done) return out + decoder.decode();
    out += decoder.decode(value, { stream: true });
  }
  return out;
}

/** A fresh directory in the system's temporary folder whose name starts with `prefix`, as its real path. */
export async function scratchDir(prefix: string): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), `${prefix}.`)));
}

/**
 * Removes a directory made by {@link scratchDir}, with everything in it. Bun for Windows removes a tree by marking
 * each entry with `NtSetInformationFile(FileDispositionInformationEx)`, which Wine 8 does not implement (Bun then
 * reports EFAULT): on EFAULT the tree is removed entry by entry with `unlink` and `rmdir`, which work there.
 */
export async function removeDir(dir: string): Promise<void> {
  try {
    await rm(dir, { recursive: true, force: true });
  } catch (error) {
    if ((error as { code?: unknown }).code !== "EFAULT") throw error;
    await removeEntryByEntry(dir);
  }
}

/** Runs `body` with a fresh {@link scratchDir} whose name starts with `prefix`, removed afterwards whatever happens. */
export async function inScratch(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await scratchDir(prefix);
  try {
    await body(dir);
  } finally {
    await removeDir(dir);
  }
}

/** Removes the directory `dir` and everything in it, one `unlink` or `rmdir` per entry. */
async function removeEntryByEntry(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await removeEntryByEntry(path);
    else await unlink(path);
  }
  await rmdir(dir);
}

/** Makes the directory `path` and the parents it needs. */
export async function makeDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}

/** Writes `content` to the file `path` with the permission bits `mode` (which Windows ignores). */
export async function makeFile(path: string, content: string, mode = 0o644): Promise<void> {
  await writeFile(path, content, { mode });
}

/** Whether anything is at `path`, asked of the adapter under test, so that no process is started for it. */
export async function exists(ctx: Context, path: string): Promise<boolean> {
  return (await ctx.adapter.pathKind(path)) !== "missing";
}
