/**
 * Where anyproc's local sockets live (Unix sockets, named pipes on Windows): the toProcess pool's listener, the
 * Node adapter's socket pairs and the spawn helper's stdio all listen on an address made here.
 *
 * - Windows: a named pipe (`\\.\pipe\anyproc-…`), which node:net listens on and connects to as it does to a
 *   Unix socket. It has no file to remove; its default security lets other users open it for reading, so,
 *   as everywhere, every user of one authenticates its peer with a token.
 * - Linux: an abstract address (`\0anyproc-…`). It is kept there because it leaves nothing behind: a caller
 *   killed by SIGKILL leaves no file, and no file is created or removed per use. An abstract address has no
 *   permissions, so every user of one authenticates its peer with a token.
 * - Everywhere else (macOS and the BSDs have no abstract namespace), and on Linux when the portable paths are
 *   forced (see {@link linuxOnlyPaths}): a socket file in a private folder made with mkdtemp (mode 0700, so
 *   only this user can even reach it; the tokens are still checked). The folder is `anyproc-<pid>-XXXXXX` in
 *   the temporary folder, or in /tmp where that path would be too long for `sun_path` (104 bytes on macOS,
 *   whose `$TMPDIR` alone is about 49). A socket file is removed when its address is released; the folder when
 *   the last of its addresses is, and at exit. Folders left by a caller that was killed are removed the next
 *   time a process of the same user makes one, once their pid is gone.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { randomHex } from "./secret.js";

/**
 * The environment variable that makes anyproc take its portable paths on Linux too, as on macOS (`1`). For
 * testing those paths on Linux; read once, and on Deno only when env access to it is granted (never prompts).
 */
export const PORTABLE_VARIABLE = "ANYPROC_PORTABLE";

/** The longest socket path we make: `sun_path` holds 104 bytes on macOS and the BSDs (108 on Linux), NUL included. */
const MAX_PATH_BYTES = 100;
/** Prefix of the private folders. */
const FOLDER_PREFIX = "anyproc-";

let linuxOnly: boolean | undefined;

/**
 * Whether this process may use Linux-only mechanisms (abstract socket addresses, `/proc`, `pipe2` flags):
 * true on Linux unless {@link PORTABLE_VARIABLE} is `1`. Every Linux-only path of the adapters asks this, so
 * that the portable path macOS takes is the one tested where it is forced.
 */
export function linuxOnlyPaths(): boolean {
  linuxOnly ??= process.platform === "linux" && !portableForced();
  return linuxOnly;
}

const portableForced = () => readEnv(PORTABLE_VARIABLE) === "1";

/**
 * The variable `name`, or undefined when it is unset or may not be read: on Deno it is read only when env
 * access to it is granted, so that no permission prompt ever comes from here.
 */
function readEnv(name: string): string | undefined {
  try {
    const deno = (globalThis as { Deno?: { permissions: { querySync(d: { name: string; variable: string }): { state: string } } } }).Deno;
    if (deno && deno.permissions.querySync({ name: "env", variable: name }).state !== "granted") return undefined;
    return process.env[name];
  } catch {
    return undefined;
  }
}

/** A Unix socket address to listen on; see the module comment for where it is. */
export interface SocketAddress {
  /** What node:net listens on and connects to. */
  readonly path: string;
  /** The address as an environment variable can carry it: an abstract one is spelled `@name`, as `ss` shows it. */
  readonly text: string;
  /** Removes the socket file (and the folder once it holds no other); nothing for an abstract address. Idempotent. */
  release(): void;
}

/** The node:net path of an address {@link SocketAddress.text} spells. */
export function socketPath(text: string): string {
  return text.startsWith("@") ? `\0${text.slice(1)}` : text;
}

let serial = 0;

/** A fresh address whose last part starts with `label` (a letter or two: names stay short for `sun_path`). */
export function newSocketAddress(label: string): SocketAddress {
  const name = `${label}${(++serial).toString(36)}`;
  if (process.platform === "win32") {
    const path = `\\\\.\\pipe\\anyproc-${process.pid}-${randomPart()}-${name}`;
    return { path, text: path, release: () => {} };
  }
  if (linuxOnlyPaths()) {
    const text = `@anyproc-${process.pid}-${randomPart()}-${name}`;
    return { path: socketPath(text), text, release: () => {} };
  }
  const place = privatePlace(name);
  return { path: place.path, text: place.path, release: place.release };
}

/** A path in this process's private folder (POSIX; see the module comment) and the function that frees it. */
export interface PrivatePath {
  /** Where to make the file: nothing is there yet. */
  readonly path: string;
  /** Removes the file if it is still there (and the folder once it holds no other). Idempotent. */
  release(): void;
}

/**
 * A fresh path in the private folder for a file other than a socket (a FIFO), on every POSIX platform, Linux
 * included; its last part starts with `label`.
 */
export function newPrivatePath(label: string): PrivatePath {
  return privatePlace(`${label}${(++serial).toString(36)}`);
}

function privatePlace(name: string): PrivatePath {
  const folder = privateFolder();
  const path = join(folder.path, name);
  folder.users++;
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      try {
        unlinkSync(path);
      } catch {}
      if (--folder.users === 0) removeFolder(folder);
    },
  };
}

/** Random hex, so that no other process can take the address first by guessing it. */
const randomPart = () => randomHex(6);

interface Folder {
  readonly path: string;
  users: number;
}

let folder: Folder | null = null;
let exitHooked = false;
let staleRemoved = false;

function privateFolder(): Folder {
  if (folder) return folder;
  const base = folderBase();
  folder = { path: mkdtempSync(join(base, `${FOLDER_PREFIX}${process.pid}-`)), users: 0 };
  // Once per process: a folder is made again each time the last address of the previous one was released.
  if (!staleRemoved) {
    staleRemoved = true;
    removeStaleFolders(base, folder.path);
  }
  if (!exitHooked) {
    exitHooked = true;
    // Deno's exit (Deno.exit) fires `unload` but not node:process 'exit'; both run the same removal.
    const atExit = () => removeFolder();
    process.on("exit", atExit);
    (globalThis as { addEventListener?: (type: string, listener: () => void) => void }).addEventListener?.("unload", atExit);
  }
  return folder;
}

/** Removes `target` (the current folder by default) with whatever is still in it. */
function removeFolder(target: Folder | null = folder): void {
  if (target === null) return;
  if (target === folder) folder = null;
  try {
    rmSync(target.path, { recursive: true, force: true });
  } catch {
    // Removed by someone else, or no longer ours to remove: never an error for a spawn, a close or the exit.
  }
}

/**
 * The folder the private folders are made in: the temporary folder as `os.tmpdir()` finds it on POSIX (TMPDIR,
 * TMP, TEMP, else /tmp), read without a permission prompt; /tmp where a socket path in it could exceed
 * {@link MAX_PATH_BYTES}. Exported so that an adapter can ask whether it may write there (Deno's permissions).
 */
export function folderBase(): string {
  const named = ["TMPDIR", "TMP", "TEMP"].map(readEnv).find((value) => value !== undefined && value !== "");
  const base = named === undefined || named === "/" ? "/tmp" : named.replace(/\/+$/, "");
  // The folder name adds `/anyproc-<pid>-XXXXXX` (at most 30 bytes), a socket name `/<label><serial>` about 10.
  return new TextEncoder().encode(base).length + 40 <= MAX_PATH_BYTES ? base : "/tmp";
}

/**
 * Removes the folders in `base` whose process is gone (a caller killed before it could remove its own) and
 * that belong to the user who owns `own` (our new folder: its owner is our uid, learnt without asking Deno
 * for sys permission).
 */
function removeStaleFolders(base: string, own: string): void {
  let names: string[];
  let uid: number;
  try {
    names = readdirSync(base);
    uid = statSync(own).uid;
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^anyproc-(\d+)-[^/]{6}$/.exec(name);
    if (!match || Number(match[1]) === process.pid || alive(Number(match[1]))) continue;
    const path = join(base, name);
    try {
      const stat = statSync(path);
      if (!stat.isDirectory() || stat.uid !== uid) continue;
      rmSync(path, { recursive: true, force: true });
    } catch {}
  }
}

/** Whether a process `pid` exists (one of another user counts: EPERM). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
