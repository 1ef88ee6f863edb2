/**
 * Redirection: a file or a descriptor number of the caller as a child's stdin, stdout or stderr. Validated
 * here with the other options; applied by ./_spawn.ts, at the descriptor level where the adapter passes
 * descriptors (`ProcessAdapter.descriptors`), else by copying between the file and a pipe.
 */

import { pathOption } from "./_path.js";
import type { FileAccess } from "./adapter.js";
import { describeValue } from "./signals.js";

/** A validated redirection: a file and how it is opened, or a descriptor number. */
export type Redirect = { readonly file: string; readonly access: FileAccess } | { readonly fd: number };

/** The redirected streams of one child. */
export interface Redirects {
  readonly stdin?: Redirect;
  readonly stdout?: Redirect;
  readonly stderr?: Redirect;
}

const FILE_KEYS = new Set(["file", "append"]);

/** True when `value` is a redirection (an object or a number), which {@link redirectOf} validates. */
export function isRedirect(value: unknown): boolean {
  return typeof value === "number" || (value !== null && typeof value === "object");
}

/**
 * The redirection `value` asks for `stream`, or undefined when it is not one (a mode string, undefined).
 * A malformed one is a TypeError naming it.
 */
export function redirectOf(value: unknown, stream: "stdin" | "stdout" | "stderr"): Redirect | undefined {
  if (!isRedirect(value)) return undefined;
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0) {
      throw new TypeError(`\`${stream}\` as a descriptor must be a non-negative integer, got ${describeValue(value)}`);
    }
    return { fd: value };
  }
  const given = value as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!FILE_KEYS.has(key))
      throw new TypeError(`Unknown key ${JSON.stringify(key)} in \`${stream}\`: a file redirection is { file, append? }`);
  }
  const path = pathOption(given.file, `\`${stream}.file\``);
  const append = given.append ?? false;
  if (typeof append !== "boolean") throw new TypeError(`\`${stream}.append\` must be a boolean, got ${describeValue(append)}`);
  if (stream === "stdin" && append) throw new TypeError("`stdin.append` does not apply: stdin reads its file from the start");
  return { file: path, access: stream === "stdin" ? "read" : append ? "append" : "write" };
}
