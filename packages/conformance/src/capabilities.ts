/** The typed capability flags an adapter declares; a case skips only through one of these, with its reason. */
import type { ProcessAdapter } from "@anyproc/core";

/** What the platform under an adapter can do. Every flag is documented with why it may be false. */
export interface Capabilities {
  /** POSIX signals can be sent to a child and reported as its cause of death (false on Windows). */
  signals: boolean;
  /** Children can get their own session and process group, and a group can be signalled (false on Windows). */
  processGroups: boolean;
  /** `/proc/<pid>/stat` exists, so the suite can tell a live process from a dead or zombie one (Linux). */
  procfs: boolean;
  /** The adapter provides `workers` (toProcess worker pools). A third-party adapter may leave it out. */
  workers: boolean;
  /** The adapter provides `scripts`, so the suite can start a fresh caller process of the same runtime. */
  scripts: boolean;
  /**
   * The adapter's stdout is a byte stream, so a caller can read it with a BYOB reader into its own buffer
   * (Deno's pipes; Node with `createAdapter({ reuseReadBuffer: true })`). A property of the adapter, not the
   * platform: false for Node's child_process pipes and Bun.spawn's streams, which hand out their own chunks.
   */
  byobStdout: boolean;
}

/**
 * Capabilities of a POSIX system with procfs, such as Linux: every platform flag true; `byobStdout` false,
 * since only the adapter knows (an adapter whose stdout is a byte stream sets it).
 */
export const linuxCapabilities: Capabilities = {
  signals: true,
  processGroups: true,
  procfs: true,
  workers: true,
  scripts: true,
  byobStdout: false,
};

/**
 * The flags the cases see: the declared {@link Capabilities} and those the adapter itself states, which the
 * suite reads rather than asks for.
 */
export interface Flags extends Capabilities {
  /**
   * Workers can import TypeScript modules: the adapter's `workers.typescript` (Bun, Deno; Node where it strips
   * types, on by default from 22.18 and 23.6, with --experimental-strip-types from 22.6; not Node 20).
   */
  typescript: boolean;
}

/** The {@link Flags} for `adapter` with the declared `capabilities`. */
export function flagsOf(adapter: ProcessAdapter, capabilities: Capabilities): Flags {
  return { ...capabilities, typescript: adapter.workers?.typescript === true };
}
