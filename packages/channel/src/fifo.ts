/**
 * FIFOs that join two children which open them by name (Deno's pipeline links). Each lives alone in a folder of
 * its own inside the private folder, so that once it is removed an open by name fails, for reading and for
 * writing alike, instead of making a regular file in its place. A child may still be waiting in its open when
 * the FIFO is let go, or not have reached it yet.
 */
import { closeSync, constants, mkdirSync, openSync, rmdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { newPrivatePath } from "./socket-address.js";

/** Where a FIFO is to be made (the folder exists, the FIFO not yet), and how to let it go. */
export interface FifoPlace {
  /** The FIFO's path. */
  readonly path: string;
  /**
   * Removes the FIFO and its folder without leaving a child stuck in its open: the FIFO is opened read-write
   * (which never waits, and lets through a child waiting to open either end), removed with its folder, and
   * closed again. A reader let through then sees the end of its input; a child that had not reached its open
   * finds nothing there. Idempotent; never throws.
   */
  release(): void;
}

/** A fresh {@link FifoPlace} in this process's private folder; throws what making its folder threw. */
export function newFifoPlace(): FifoPlace {
  const folder = newPrivatePath("f");
  try {
    mkdirSync(folder.path, { mode: 0o700 });
  } catch (error) {
    folder.release();
    throw error;
  }
  const path = join(folder.path, "p");
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      let fd: number | undefined;
      try {
        fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
      } catch {
        // Never made, or already gone: nothing waits on it.
      }
      try {
        unlinkSync(path);
      } catch {}
      try {
        rmdirSync(folder.path);
      } catch {}
      folder.release();
      if (fd !== undefined) closeSync(fd);
    },
  };
}
