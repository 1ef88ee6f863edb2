/**
 * Shell safety: the `sh` tagged template builds a string command for `/bin/sh` in which every interpolated
 * value is single-quoted, so the shell passes it on as exactly one word, byte for byte, and never expands it.
 */
import { describeValue } from "./signals.js";

/**
 * Quotes `value` as one `/bin/sh` word: wrapped in single quotes, each embedded `'` written as `'\''`.
 * The shell expands nothing inside single quotes, so the word reaches the command byte for byte; an empty
 * string becomes `''`, an empty argument rather than none.
 *
 * ```ts
 * quote("it's $HOME"); // 'it'\''s $HOME'
 * ```
 *
 * @throws {TypeError} when `value` is not a string, or contains a NUL byte (no C string can hold one).
 */
export function quote(value: string): string {
  if (typeof value !== "string") throw new TypeError(`quote() needs a string, got ${describeValue(value)}`);
  return quoteWord(value, "The value of quote()");
}

/**
 * What an interpolation of {@link sh} accepts: a string, a number or a bigint, or an array of those. Anything
 * else (`undefined`, `null`, a boolean, an object, a symbol, a function, a nested array) does not compile,
 * and is a TypeError at run time for callers without types.
 */
export type ShValue = string | number | bigint | readonly (string | number | bigint)[];

/**
 * A tagged template that returns a string command for `/bin/sh` with every interpolation quoted by
 * {@link quote}: `` sh`grep -e ${pattern} ${file}` `` is safe for any `pattern` and `file`. The result is
 * what the untagged template literal would give, except that each `${...}` becomes quoted words.
 *
 * - A string is one word; a number or a bigint is converted with `String()` first.
 * - An array expands to one word per element, separated by spaces; an empty array to no word at all
 *   (as `"$@"` does with no arguments).
 *
 * ```ts
 * await runProcess(sh`grep -e ${pattern} -- ${files} | wc -l`);
 * ```
 *
 * **Gotchas**: only the interpolations are quoted. The literal parts of the template are shell syntax
 * written by the programmer, taken as they are (after JavaScript's own escapes such as `\n`), so never
 * build them from untrusted input: that is the plain string command's danger again (see {@link Command}).
 * An interpolation that touches literal text joins that word (`--file=${f}` is one word; `-x${list}` glues
 * `-x` to the first element only). A quoted word is still an argument the command may read as an option:
 * put `--` before values that may start with `-`. Booleans, `null`, `undefined`, objects and the like are a
 * TypeError naming the interpolation, so `${flag && "-v"}` cannot silently pass `"false"`.
 *
 * **Windows** has no `/bin/sh`: a string command runs through `cmd.exe` there, which would read these quotes
 * as its own syntax, so `sh` throws a TypeError on Windows. Pass an argv array instead: it never passes
 * through a shell, and anyproc escapes the arguments of a `.cmd` or `.bat` file for `cmd.exe` itself.
 *
 * @throws {TypeError} when an interpolation (or an element of an array interpolation) is not a string, a
 * number or a bigint, or contains a NUL byte; on Windows, always.
 */
export function sh(template: TemplateStringsArray, ...values: readonly ShValue[]): string {
  if (onWindows()) {
    throw new TypeError(
      "sh`...` builds a command for /bin/sh, which Windows does not have (a string command runs through cmd.exe there): pass the command as an array of arguments instead",
    );
  }
  if (!Array.isArray(template) || !Array.isArray((template as { raw?: unknown }).raw)) {
    throw new TypeError(`sh must be used as a tagged template (sh\`...\`), got ${describeValue(template)}`);
  }
  let out = literal(template, 0);
  values.forEach((value, index) => {
    const what = `sh\`...\` interpolation ${index}`;
    if (Array.isArray(value)) {
      out += value.map((item: unknown, i) => word(item, `${what}[${i}]`)).join(" ");
    } else {
      out += word(value, what);
    }
    out += literal(template, index + 1);
  });
  return out;
}

/** Whether this process runs on Windows, read from the running runtime's globals (core imports no runtime). */
function onWindows(): boolean {
  const g = globalThis as { process?: { platform?: string }; Deno?: { build?: { os?: string } } };
  return g.Deno?.build?.os === "windows" || g.process?.platform === "win32";
}

function literal(template: TemplateStringsArray, index: number): string {
  const part = template[index];
  if (part === undefined) {
    throw new TypeError(`sh\`...\` literal part ${index} has an invalid escape sequence: ${JSON.stringify(template.raw[index])}`);
  }
  return part;
}

function word(value: unknown, what: string): string {
  if (typeof value === "string") return quoteWord(value, what);
  if (typeof value === "number" || typeof value === "bigint") return quoteWord(String(value), what);
  throw new TypeError(`${what} must be a string, a number, a bigint or an array of those, got ${describeValue(value)}`);
}

function quoteWord(value: string, what: string): string {
  if (value.includes("\0")) throw new TypeError(`${what} must not contain a NUL byte, got ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "'\\''")}'`;
}
