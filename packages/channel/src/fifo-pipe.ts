/**
 * A pipe between two children on POSIX, for adapters that pass descriptors but cannot make a pipe directly:
 * Node's `child_process` gives a child socket pairs, and the kernel moves bytes through a pipe faster
 * (`head -c 1G /dev/zero | cat | wc -c` through socket pairs took about 1.15× the time of the same pipeline
 * through pipes, measured with child_process here); Bun has no pipe API and calls libc's `pipe2` only where it
 * can load it. So a FIFO is made with `mkfifo` in this process's private folder (mode 0700), opened at both ends
 * and removed at once: the pipe lives on in the two descriptors, which are passed to the writer and the reader
 * as their stdout and stdin. Node and Bun open every descriptor close-on-exec, so no other child inherits one.
 *
 * Opening a FIFO blocks until its other end is open, so the read end is first opened non-blocking (which never
 * waits), then the write end (which finds that reader), then the read end again in blocking mode (which finds
 * that writer); the non-blocking read end is closed, so no child gets a descriptor in non-blocking mode.
 */
import { closeSync, constants, openSync } from "node:fs";
import { newPrivatePath } from "./socket-address.js";

/** The two ends of a pipe, as descriptors of this process (close-on-exec until a spawn passes one on). */
export interface FifoPipe {
  readonly readFd: number;
  readonly writeFd: number;
}

/** Makes a pipe through a FIFO; rejects when `mkfifo` cannot be run or fails (the caller falls back then). */
export async function fifoPipe(): Promise<FifoPipe> {
  const place = newPrivatePath("f");
  try {
    await mkfifo(place.path);
    const probe = openSync(place.path, constants.O_RDONLY | constants.O_NONBLOCK);
    let writeFd: number | null = null;
    try {
      writeFd = openSync(place.path, constants.O_WRONLY);
      return { readFd: openSync(place.path, constants.O_RDONLY), writeFd };
    } catch (error) {
      if (writeFd !== null) closeSync(writeFd);
      throw error;
    } finally {
      closeSync(probe);
    }
  } finally {
    place.release();
  }
}

/**
 * Runs `mkfifo -m 600 path`; resolves when it made the FIFO. `node:child_process` is imported here, when a FIFO
 * is first made, so that importing this package (and the toProcess worker program built from it) never loads it.
 */
async function mkfifo(path: string): Promise<void> {
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn("mkfifo", ["-m", "600", path], { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`mkfifo ${path} ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}
