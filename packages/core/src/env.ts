/** A child's environment: the variable map a runtime's spawn call takes (for adapter authors), and what libuv adds on Windows. */
import type { EnvRequest } from "./adapter.js";

/**
 * The complete environment for a child: `current` (when inherited) minus `unset`, plus `set`.
 * `current` is read by the adapter at spawn time, so later edits of the caller's environment are seen.
 */
export function materializeEnv(request: EnvRequest, current: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  if (request.inherit) {
    for (const [key, value] of Object.entries(current)) if (value !== undefined) env[key] = value;
    for (const key of request.unset) delete env[key];
  }
  return Object.assign(env, request.set);
}

/**
 * The environment variables libuv puts into every child's environment on Windows when that environment lacks
 * them, copied from the caller's own (`required_vars` of libuv's `src/win/process.c`: Winsock cannot start
 * without `SYSTEMROOT`, some Windows APIs read `TEMP`, and the rest are those Cygwin programs need). Node and
 * Bun start children through libuv there, so on Windows a child of theirs gets each of these from the caller
 * even with `extendEnv: false` or when `env` sets it to `undefined`; no option of the runtime turns that off.
 * Deno starts children through Rust's standard library, which adds none. Windows matches names without regard
 * to case.
 */
export const LIBUV_REQUIRED_ENV: readonly string[] = Object.freeze([
  "HOMEDRIVE",
  "HOMEPATH",
  "LOGONSERVER",
  "PATH",
  "SYSTEMDRIVE",
  "SYSTEMROOT",
  "TEMP",
  "USERDOMAIN",
  "USERNAME",
  "USERPROFILE",
  "WINDIR",
]);
