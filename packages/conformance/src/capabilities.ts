/** The typed capability flags an adapter declares; a case skips only through one of these, with its reason. */

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
  /** Workers can import TypeScript modules (Bun, Deno, Node >= 22.6 with type stripping; not Node 20). */
  typescript: boolean;
}

/** Capabilities of a POSIX system with procfs, such as Linux: every flag true. */
export const linuxCapabilities: Capabilities = {
  signals: true,
  processGroups: true,
  procfs: true,
  workers: true,
  scripts: true,
  typescript: true,
};
