/**
 * Files for a child's stdio on Deno: `Deno.Command` can pass no descriptor to a child, so a file is opened as
 * a web stream that core copies to or from the child's pipe (see `ProcessAdapter.openFile`).
 */
import type { FileAccess, OpenedFile } from "@anyproc/core";
import { Deno, isDenoError } from "./_deno-api.ts";

/** `Deno.open` options of each access: read; write from the start (created, truncated); append (created). */
const OPTIONS: Record<FileAccess, Record<string, boolean>> = {
  read: { read: true },
  write: { write: true, create: true, truncate: true },
  append: { write: true, append: true, create: true },
};

/** Deno's error classes by the errno name core expects in `code`. */
const CODES: Record<string, string> = {
  NotFound: "ENOENT",
  PermissionDenied: "EACCES",
  IsADirectory: "EISDIR",
  NotADirectory: "ENOTDIR",
  NotCapable: "ENOTCAPABLE",
};

/** Opens `path` as a stream (Deno passes no descriptor: `as` "fd" is a TypeError); rejects with an errno `code`. */
export async function openFile(path: string, access: FileAccess, as: "fd" | "stream"): Promise<OpenedFile> {
  if (as === "fd") throw new TypeError("Deno.Command cannot pass a descriptor to a child: open files as streams");
  let file: Awaited<ReturnType<typeof Deno.open>>;
  try {
    file = await Deno.open(path, OPTIONS[access]);
  } catch (error) {
    const name = Object.keys(CODES).find((kind) => isDenoError(error, kind));
    const code = (error as { code?: unknown } | null)?.code;
    throw typeof code === "string" && code !== "" ? error : Object.assign(error as Error, { code: name ? CODES[name] : "EUNKNOWN" });
  }
  let closed = false;
  // The streams close the file when they end; `close` is for a stream that never did.
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      file.close();
    } catch {}
  };
  return access === "read" ? { readable: file.readable, close } : { writable: file.writable, close };
}
