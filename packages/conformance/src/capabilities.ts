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
  /** The adapter provides `workers` (toProcess worker pools); a third-party adapter may leave them out. */
  workers: boolean;
  /**
   * The suite can start a fresh caller process of the adapter's runtime: the adapter provides `scripts` and
   * the suite was given the module that exports it (`adapterModule`).
   */
  scripts: boolean;
}

/** The {@link Flags} for `adapter` with the declared `capabilities` and the suite's `options`. */
export function flagsOf(adapter: ProcessAdapter, capabilities: Capabilities, options: ConformanceOptions): Flags {
  return {
    ...capabilities,
    typescript: adapter.workers?.typescript === true,
    workers: adapter.workers !== undefined,
    scripts: adapter.scripts !== undefined && options.adapterModule !== undefined,
  };
}

/** What the suite needs beyond the adapter and its capabilities. */
export interface ConformanceOptions {
  /**
   * URL of a module that exports the adapter under test as `adapter` (the adapter's package entry does):
   * the caller fixtures import it in a fresh process and bind it themselves. Without it, the cases that
   * start a caller process are skipped.
   */
  readonly adapterModule?: string;
}
