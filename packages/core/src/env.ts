/** Turns an {@link EnvRequest} into the full variable map a runtime's spawn call takes; for adapter authors. */
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
