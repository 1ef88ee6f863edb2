/** Message helpers: how a command, an exit status and a stderr tail appear in error messages. */
import type { ExitStatus } from "./types.js";

const plain = /^[\w@%+=:,./-]+$/;

/** Renders argv as a shell-like line: `sh -c "exit 3"`. */
export function formatCommand(args: readonly string[]): string {
  return args.map((arg) => (plain.test(arg) ? arg : JSON.stringify(arg))).join(" ");
}

/**
 * `text` in double quotes, as a message names a path or a command: a `"` and a control character are escaped
 * as in JSON, a backslash is not, so that a Windows path reads as it is written (`"C:\\dir"` would not).
 */
export function quote(text: string): string {
  let out = "";
  for (const char of text) out += char === '"' || char < " " ? JSON.stringify(char).slice(1, -1) : char;
  return `"${out}"`;
}

/** `exit code 3` or `signal SIGKILL`. */
export function formatStatus(status: ExitStatus): string {
  return status.signal !== null ? `signal ${status.signal}` : `exit code ${status.exitCode}`;
}

/** The last lines of `output` (at most 20 lines and 2000 characters), or "" when there is none. */
export function tail(output: string | Uint8Array): string {
  const text = typeof output === "string" ? output : new TextDecoder().decode(output);
  const trimmed = text.trimEnd();
  if (trimmed === "") return "";
  const lines = trimmed.split("\n").slice(-20).join("\n");
  return lines.length > 2000 ? `…${lines.slice(-2000)}` : lines;
}
