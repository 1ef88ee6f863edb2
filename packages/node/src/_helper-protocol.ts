/**
 * What a caller and its spawn helper (see spawn-helper.ts) exchange. Control messages go as JSON over the
 * helper's IPC channel; the child's stdio goes over Unix sockets the caller connects to the address the
 * helper listens on (a few ahead of need), each opening with a fixed-size header that carries a token and
 * the connection's serial number, which a spawn request then names. Types and constants only: the helper's
 * entry (helper.ts) must stay tiny, so it shares nothing else.
 */

/**
 * The environment variable giving the helper the socket path to listen on, as JSON (an abstract address
 * starts with a NUL byte, which an environment variable cannot hold).
 */
export const ADDRESS_VARIABLE = "ANYPROC_SPAWN_HELPER_ADDRESS";
/** The environment variable giving the helper the token every stdio connection must show. */
export const TOKEN_VARIABLE = "ANYPROC_SPAWN_HELPER_TOKEN";

/** Length of the token: 32 hex digits (16 random bytes). */
export const TOKEN_LENGTH = 32;
/** Length of a stdio connection's header: the token, then the connection's serial number (10 base-36 digits). */
export const HEADER_LENGTH = TOKEN_LENGTH + 10;

/** The header stdio connection number `serial` opens with. */
export function header(token: string, serial: number): string {
  return `${token}${serial.toString(36).padStart(10, "0")}`;
}

/**
 * How one of the child's fds 0–2 is connected, as the helper applies it: a number is the serial of the
 * stdio connection to use (fds 1 and 2 name the same one for `stderr: "stdout"`); `"fd1"`, for fd 2 only,
 * is the helper's own fd 1, which is the caller's stdout.
 */
export type HelperStdio = number | "inherit" | "ignore" | "fd1";

/** Caller to helper. */
export type ToHelper =
  /** Starts child `id` once the stdio connections it names have arrived. `env` and `cwd` are already resolved. */
  | {
      readonly t: "spawn";
      readonly id: number;
      readonly file: string;
      readonly args: readonly string[];
      readonly cwd: string;
      readonly env: Readonly<Record<string, string>>;
      readonly stdio: readonly [HelperStdio, HelperStdio, HelperStdio];
      readonly detached: boolean;
    }
  /** Forget spawn `id` and close its connections: one of them failed, so it will never be complete. */
  | { readonly t: "cancel"; readonly id: number };

/** The fields of a Node spawn error that cross the channel. */
export interface HelperSpawnError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly errno?: number;
  readonly syscall?: string;
  readonly path?: string;
  readonly spawnargs?: readonly string[];
}

/** Helper to caller. */
export type FromHelper =
  /** The helper listens for stdio connections. */
  | { readonly t: "ready" }
  /** Child `id` is running as `pid`; the helper has closed its ends of the child's sockets. */
  | { readonly t: "spawned"; readonly id: number; readonly pid: number }
  /** Child `id` could not be started. */
  | { readonly t: "failed"; readonly id: number; readonly error: HelperSpawnError }
  /** Child `id` exited (`'exit'` of child_process: exactly one of code and signal is non-null). */
  | { readonly t: "exit"; readonly id: number; readonly code: number | null; readonly signal: string | null };
