/** The typed capability flags an adapter declares; a case skips only through one of these, with its reason. */
import { LIBUV_REQUIRED_ENV, type ProcessAdapter } from "@anyproc/core";

/** What the platform under an adapter can do. Every flag is documented with why it may be false. */
export interface Capabilities {
  /** POSIX signals can be sent to a child and reported as its cause of death (false on Windows). */
  signals: boolean;
  /** Children can get their own session and process group, and a group can be signalled (false on Windows). */
  processGroups: boolean;
  /** `/proc/<pid>/stat` exists, so the suite can tell a live process from a dead or zombie one (Linux). */
  procfs: boolean;
  /**
   * A POSIX system: a string command runs through `/bin/sh`, with the usual tools beside it, and programs
   * have execute permission bits and `exec` (false on Windows, where a string command runs through
   * `cmd.exe`). Only the cases about the shell, file modes or `exec` need it; those that need a shell to
   * trap or send a signal need `signals` too; every other case runs the suite's portable program.
   */
  posixShell: boolean;
  /**
   * The adapter's stdout is a byte stream, so a caller can read it with a BYOB reader into its own buffer
   * (Deno's pipes; Node with `createAdapter({ reuseReadBuffer: true })`). A property of the adapter, not the
   * platform: false for Node's child_process pipes and Bun.spawn's streams, which hand out their own chunks.
   */
  byobStdout: boolean;
  /**
   * A child gets exactly the environment it is given: with `extendEnv: false` only `env`, and never a variable
   * `env` sets to `undefined`. False where the runtime starts children through libuv on Windows (Node, Bun),
   * which adds each variable of core's `LIBUV_REQUIRED_ENV` that the environment lacks, with the caller's value;
   * the cases then allow exactly those (see `addedByRuntime` in this file). True on Deno for Windows (Rust's standard
   * library adds none) and on every POSIX system.
   */
  exactEnv: boolean;
  /**
   * A batch file (`.cmd`, `.bat`) given as a command runs through `cmd.exe` (Windows only): false on every other
   * platform, which has no `cmd.exe`, and where a `.cmd` file is an ordinary file that cannot be run.
   */
  batchFiles: boolean;
}

/**
 * Capabilities of a POSIX system with procfs, such as Linux: every platform flag true but `batchFiles` (there is
 * no `cmd.exe`); `byobStdout` false, since only the adapter knows (an adapter whose stdout is a byte stream sets it).
 */
export const linuxCapabilities: Capabilities = {
  signals: true,
  processGroups: true,
  procfs: true,
  posixShell: true,
  byobStdout: false,
  exactEnv: true,
  batchFiles: false,
};

/**
 * Capabilities of Windows: no POSIX signals (a child anyproc ends is ended at once, and reports the signal
 * anyproc sent), no sessions or process groups (`killTree` ends the tree with `taskkill /T /F`), no procfs,
 * and no POSIX shell (a string command runs through `cmd.exe`); `byobStdout` false, as in
 * {@link linuxCapabilities}; `exactEnv` false, as for Node and Bun, which start children through libuv there
 * (Deno's is true); `batchFiles` true: a `.cmd` or `.bat` file runs through `cmd.exe`.
 */
export const windowsCapabilities: Capabilities = {
  signals: false,
  processGroups: false,
  procfs: false,
  posixShell: false,
  byobStdout: false,
  exactEnv: false,
  batchFiles: true,
};

/**
 * The capabilities of the platform this process runs on: {@link windowsCapabilities} on Windows (with
 * `exactEnv` true on Deno, whose children, any adapter's, start through Rust's standard library),
 * {@link linuxCapabilities} on Linux, and on the other POSIX systems (macOS, the BSDs) the same without
 * `procfs`. `byobStdout` is false: an adapter whose stdout is a byte stream sets it.
 */
export function hostCapabilities(): Capabilities {
  const g = globalThis as { process?: { platform?: string }; Deno?: { build?: { os?: string } } };
  const os = g.Deno?.build?.os ?? g.process?.platform;
  if (os === "windows" || os === "win32") return g.Deno ? { ...windowsCapabilities, exactEnv: true } : windowsCapabilities;
  if (os === "linux") return linuxCapabilities;
  return { ...linuxCapabilities, procfs: false };
}

/**
 * The names of `seen`, a child's environment, that its runtime put there on its own: none with `exactEnv`;
 * else each name of `LIBUV_REQUIRED_ENV` that `given` (the names the child was given or inherits) lacks,
 * matched without regard to case, as Windows matches names.
 */
export function addedByRuntime(caps: Capabilities, seen: readonly string[], given: readonly string[]): string[] {
  if (caps.exactEnv) return [];
  const required = new Set(LIBUV_REQUIRED_ENV.map((name) => name.toUpperCase()));
  const present = new Set(given.map((name) => name.toUpperCase()));
  return seen.filter((name) => required.has(name.toUpperCase()) && !present.has(name.toUpperCase()));
}

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
  /**
   * The suite can run its portable child program (`fixtures/program.mjs`) on the adapter's runtime: the
   * adapter provides `scripts`. Almost every case that needs a child runs that program rather than a shell
   * or a Unix tool, so that it runs on every platform; without `scripts` those cases are skipped.
   */
  programs: boolean;
}

/** The {@link Flags} for `adapter` with the declared `capabilities` and the suite's `options`. */
export function flagsOf(adapter: ProcessAdapter, capabilities: Capabilities, options: ConformanceOptions): Flags {
  return {
    ...capabilities,
    typescript: adapter.workers?.typescript === true,
    workers: adapter.workers !== undefined,
    scripts: adapter.scripts !== undefined && options.adapterModule !== undefined,
    programs: adapter.scripts !== undefined,
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
