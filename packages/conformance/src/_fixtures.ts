/** Small helpers shared by the case files: rejections, reading until a marker, scratch directories. */
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

/** A fresh directory under /tmp whose name starts with `prefix`, made with the suite's own runProcess. */
export async function scratchDir(ctx: Context, prefix: string): Promise<string> {
  const { stdout } = await ctx.runProcess(["mktemp", "-d", `/tmp/${prefix}.XXXXXX`]);
  return stdout.trimEnd();
}

/** Removes a directory made by {@link scratchDir}. */
export async function removeDir(ctx: Context, dir: string): Promise<void> {
  await ctx.runProcess(["rm", "-rf", dir]);
}

/** The file system path of a file: URL (the suite avoids node:url so that it stays runtime-neutral). */
export function fileURLPath(url: URL): string {
  return decodeURIComponent(url.pathname);
}
