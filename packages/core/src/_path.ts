/**
 * Paths as core handles them before a child exists: the one conversion of a `file:` URL option to a path, and
 * the few questions core asks of a path string (is it one, is it absolute, what is its parent, where is it
 * relative to a cwd). Separators are `/`, and on Windows `\` too.
 */
import { describeValue } from "./signals.js";

/**
 * The path option `what` (`` `cwd` ``, `` `stdout.file` ``) names: a non-empty string, or a `file:` URL as a path
 * (percent-decoded; a host other than localhost names a network share, `//server/share/...`). No NUL byte.
 * Anything else is a TypeError naming it.
 */
export function pathOption(value: unknown, what: string): string {
  let path: string;
  if (value instanceof URL) {
    if (value.protocol !== "file:") throw new TypeError(`${what} must be a path or a file: URL, got ${JSON.stringify(value.href)}`);
    const host = value.hostname === "" || value.hostname === "localhost" ? "" : `//${value.hostname}`;
    path = host + decodeURIComponent(value.pathname);
  } else if (typeof value === "string" && value !== "") path = value;
  else throw new TypeError(`${what} must be a non-empty path or a file: URL, got ${describeValue(value)}`);
  if (path.includes("\0")) throw new TypeError(`${what} must not contain a NUL byte, got ${JSON.stringify(path)}`);
  return path;
}

/** The separators of a path: `/`, and on Windows `\` too. */
function separators(windows: boolean): RegExp {
  return windows ? /[\\/]/ : /\//;
}

/** Whether `file` is a path (has a separator) rather than a name looked up on PATH. */
export function isPath(file: string, windows: boolean): boolean {
  return separators(windows).test(file);
}

/** The directory `path` is in, or undefined at a root or for a single relative name. */
export function parentOf(path: string, windows: boolean): string | undefined {
  const sep = separators(windows);
  let end = path.length;
  while (end > 1 && sep.test(path[end - 1] as string)) end--;
  for (let at = end - 1; at > 0; at--) if (sep.test(path[at] as string)) return path.slice(0, at);
  return undefined;
}

/** `path` taken from the working directory `cwd`, as the child sees it; an absolute path (or no cwd) as it is. */
export function inCwd(path: string, cwd: string | undefined, windows: boolean): string {
  const absolute = path.startsWith("/") || (windows && /^([a-z]:|[\\/])/i.test(path));
  return cwd === undefined || absolute ? path : `${cwd}${windows ? "\\" : "/"}${path}`;
}
