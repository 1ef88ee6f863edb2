/**
 * Files for a child's stdio, through node:fs (Node and Bun): the adapters' `openFile`. As a descriptor, which
 * `child_process.spawn` and `Bun.spawn` pass to the child, or as a web stream.
 */
import type { FileHandle } from "node:fs/promises";
import type { FileAccess, OpenedFile } from "@anyproc/core";

/** The `open(2)` flags of each access: read; write from the start (created, truncated); append (created). */
const FLAGS: Record<FileAccess, string> = { read: "r", write: "w", append: "a" };

/** Opens `path` for `access`; rejects with node:fs's error (its `code` an errno name). */
export async function openFile(path: string, access: FileAccess, as: "fd" | "stream"): Promise<OpenedFile> {
  const { open } = await import("node:fs/promises"); // loaded on first use: most programs never redirect to a file
  const handle = await open(path, FLAGS[access]);
  const close = once(handle);
  if (as === "fd") return { fd: handle.fd, close };
  if (access === "read") {
    const chunks = handle.readableWebStream({ type: "bytes" }) as ReadableStream<Uint8Array>;
    return { readable: chunks, close };
  }
  const writable = new WritableStream<Uint8Array>({
    async write(chunk) {
      for (let offset = 0; offset < chunk.byteLength; ) offset += (await handle.write(chunk, offset)).bytesWritten;
    },
    close,
    abort: close,
  });
  return { writable, close };
}

/** Closes `handle` once, however often it is called; never rejects. */
function once(handle: FileHandle): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= handle.close().catch(() => {}));
}
