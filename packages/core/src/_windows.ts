/**
 * Windows: how a command becomes the program and command line a runtime hands to CreateProcess. Windows has
 * no argv, only one command line each program parses itself, and no `/bin/sh`; so core, not the runtime,
 * decides three things there, the same on every runtime:
 *
 * - a string command runs through `%ComSpec%` (`cmd.exe /d /s /c "…"`), as Node's `shell: true` does;
 * - a bare command name is found through `PATH` and `PATHEXT` of the child's environment (a `.cmd` shim from
 *   `node_modules/.bin` is found as `name`, as a shell finds it);
 * - a batch file (`.cmd`, `.bat`), which only `cmd.exe` can run, runs through it with every argument quoted so
 *   that `cmd.exe` parses it the same on the command line and again where the script passes it on with `%*`,
 *   and the program the script starts reads it back byte for byte (see {@link quoteForBatch}).
 *
 * Every other program gets its arguments quoted by the runtime (libuv for Node and Bun, Rust's standard
 * library for Deno), which quote for the C runtime correctly.
 */
import type { PathKind, ProcessAdapter, SpawnRequest, WindowsSupport } from "./adapter.js";

/** `cmd.exe`'s flags for a command line: no AutoRun commands, keep the command's own quotes, run and exit. */
export const CMD_FLAGS = ["/d", "/s", "/c"] as const;

/** PATHEXT when the environment has none: what Windows itself sets. */
const DEFAULT_PATHEXT = ".COM;.EXE;.BAT;.CMD";

/** The shell a string command runs with on Windows: the caller's `%ComSpec%`, `cmd.exe` if unset. */
export function windowsShell(windows: WindowsSupport): string {
  return windows.env("ComSpec") || "cmd.exe";
}

/**
 * `cmd.exe`'s flags for a batch file: those of {@link CMD_FLAGS}, with command extensions on (`%cd:~,%`, which
 * {@link quoteForBatch} relies on, is one) and delayed expansion off (so `!` is an ordinary character).
 */
export const BATCH_FLAGS = ["/d", "/e:ON", "/v:OFF", "/s", "/c"] as const;

/**
 * An argument of a batch file that needs no quotes: ASCII letters, digits and `#$*+-./:?@\_`, and any other
 * character but the controls. `cmd.exe` gives none of them a meaning.
 */
const BATCH_PLAIN = /^[\w#$*+\-./:?@\\\u00a0-\u{10ffff}]+$/u;

/**
 * Writes `arg` for the command line of a batch file so that it reaches the program the script passes it on to
 * (`prog %*`, as every `node_modules\.bin` shim does) byte for byte, as Rust's standard library does since
 * CVE-2024-24576. `cmd.exe` knows no escape inside double quotes and ends or starts a quoted stretch at every `"`,
 * so a word stays quoted whole only if it holds an even number of them: the argument goes in double quotes (unless
 * it is a {@link BATCH_PLAIN} word, not empty and not ending in `\`), each `"` in it is doubled (`""`, which the
 * Microsoft C runtime reads inside quotes as one `"`) and the backslashes before a `"` or the closing quote are
 * doubled. `cmd.exe` parses such a word the same each time it reads it, on the command line and again in the line
 * of the script where `%*` stands: every metacharacter (`&|<>()^`, space) is inside quotes. Only `%` is expanded
 * inside quotes, on the command line: each is written `%%cd:~,%`, where `%cd:~,%` is an empty substring of the
 * current directory, so that no `%NAME%` forms; `cmd.exe` expands `%*` in a script once, without expanding what it
 * put there.
 */
export function quoteForBatch(arg: string): string {
  const quote = arg === "" || arg.endsWith("\\") || !BATCH_PLAIN.test(arg);
  let out = quote ? '"' : "";
  let backslashes = 0;
  for (const char of arg) {
    if (char === "\\") {
      backslashes++;
      out += char;
      continue;
    }
    if (char === '"') out += `${"\\".repeat(backslashes)}"`;
    else if (char === "%") out += "%%cd:~,";
    out += char;
    backslashes = 0;
  }
  return quote ? `${out}${"\\".repeat(backslashes)}"` : out;
}

/**
 * The command line, after `cmd.exe` and its {@link BATCH_FLAGS}, that runs the batch file `file` with `args`, each
 * written by {@link quoteForBatch}, the file in double quotes (`%` in it written as in an argument): `/s` takes
 * the outer pair of quotes off.
 *
 * @throws {TypeError} when an argument holds a CR or LF: `cmd.exe` ends a command at a line break, so no
 * escaping can pass one to a batch file.
 */
export function batchCommandLine(file: string, args: readonly string[]): string {
  const words = [`"${file.replaceAll("%", "%%cd:~,%")}"`];
  args.forEach((arg, index) => {
    if (/[\r\n]/.test(arg)) {
      throw new TypeError(
        `Argument ${index + 1} of the batch file ${JSON.stringify(file)} holds a line break, which cmd.exe cannot pass to a batch file: ${JSON.stringify(arg)}`,
      );
    }
    words.push(quoteForBatch(arg));
  });
  return `"${words.join(" ")}"`;
}

/** The value of `name` in the child's environment, matching names without regard to case, as Windows does. */
export function childEnv(windows: WindowsSupport, request: SpawnRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  let value: string | undefined;
  for (const [key, set] of Object.entries(request.env.set)) if (key.toLowerCase() === lower) value = set;
  if (value !== undefined) return value;
  if (!request.env.inherit || request.env.unset.some((key) => key.toLowerCase() === lower)) return undefined;
  return windows.env(name);
}

/**
 * `request.env` with every name spelled as the caller's environment spells it: on Windows `Path` and `PATH`
 * are one variable, and a child given both would see whichever comes first. A name set twice in different
 * cases keeps its last value.
 */
export function canonicalEnv(windows: WindowsSupport, request: SpawnRequest): SpawnRequest["env"] {
  const { env } = request;
  const spelled = new Map<string, string>();
  if (env.inherit) for (const name of windows.envNames()) spelled.set(name.toLowerCase(), name);
  const spell = (name: string) => {
    const lower = name.toLowerCase();
    const known = spelled.get(lower);
    if (known !== undefined) return known;
    spelled.set(lower, name);
    return name;
  };
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(env.set)) set[spell(name)] = value;
  const unset = env.unset.map(spell);
  return { inherit: env.inherit, set, unset };
}

/**
 * A path as Windows spells it: the path of a `file:` URL (a working directory, a redirection's file) names a drive
 * as `/C:/dir`, which is `C:\dir` there, with backslashes as Windows writes a path (as Node's `fileURLToPath`
 * gives it); a URL with a host, `//server/share/dir`, is a UNC path Windows takes as it is, and so is any other path.
 */
export function windowsPath(path: string): string {
  return /^\/[a-z]:([\\/]|$)/i.test(path) ? path.slice(1).replaceAll("/", "\\") : path;
}

/** Whether `file` names a path (it has a separator or a drive) rather than a command to look up. */
function isPath(file: string): boolean {
  return /[\\/]/.test(file) || /^[a-z]:/i.test(file);
}

/** Joins a directory and a name with a backslash, unless the directory already ends in a separator. */
function join(dir: string, name: string): string {
  return /[\\/]$/.test(dir) ? `${dir}${name}` : `${dir}\\${name}`;
}

/**
 * The file Windows would run for `file`: a path is tried as it is when its extension is one of `PATHEXT`,
 * then with each extension of `PATHEXT` appended; a bare name the same way in the child's working directory
 * and then in each folder of `PATH`, as `cmd.exe` searches. Undefined when nothing was found or the caller
 * may not look (the runtime then reports ENOENT or the permission it lacks).
 */
export async function resolveCommand(
  file: string,
  search: { path: string | undefined; pathext: string | undefined; cwd: string | undefined },
  pathKind: (path: string) => Promise<PathKind>,
): Promise<string | undefined> {
  const extensions = (search.pathext || DEFAULT_PATHEXT)
    .split(";")
    .map((ext) => ext.trim())
    .filter((ext) => ext.startsWith("."));
  const dot = file.lastIndexOf(".");
  const own = dot > Math.max(file.lastIndexOf("\\"), file.lastIndexOf("/")) ? file.slice(dot).toLowerCase() : "";
  const names = [...(extensions.some((ext) => ext.toLowerCase() === own) ? [file] : []), ...extensions.map((ext) => `${file}${ext}`)];
  const base = search.cwd;
  const dirs = isPath(file)
    ? [undefined]
    : [
        base ?? ".",
        ...(search.path ?? "")
          .split(";")
          .map((dir) => dir.replaceAll('"', ""))
          .filter((dir) => dir.trim() !== ""),
      ];
  for (const dir of dirs) {
    for (const name of names) {
      const candidate =
        dir === undefined ? (base !== undefined && !/^([a-z]:)?[\\/]/i.test(name) ? join(base, name) : name) : join(dir, name);
      const kind = await pathKind(candidate);
      if (kind === "not-directory") return candidate;
      if (kind === "unknown") return undefined;
    }
  }
  return undefined;
}

/**
 * The request Windows needs for `request`: `shell` for a string command (its command is the last argument),
 * else the resolved program, through `cmd.exe` when it is a batch file. Throws a TypeError (nothing spawned)
 * for an argument no batch file can receive.
 */
export async function windowsRequest(
  windows: WindowsSupport,
  given: SpawnRequest,
  shell: boolean,
  pathKind: (path: string) => Promise<PathKind>,
): Promise<SpawnRequest> {
  const request = given.cwd === undefined ? given : { ...given, cwd: windowsPath(given.cwd) };
  const env = canonicalEnv(windows, request);
  if (shell) {
    const command = request.args[request.args.length - 1] as string;
    return { ...request, env, args: [...CMD_FLAGS, `"${command}"`], verbatim: true };
  }
  const search = { path: childEnv(windows, request, "PATH"), pathext: childEnv(windows, request, "PATHEXT"), cwd: request.cwd };
  const file = (await resolveCommand(request.file, search, pathKind)) ?? request.file;
  if (!/\.(cmd|bat)$/i.test(file)) return { ...request, env, file };
  return { ...request, env, file: windowsShell(windows), args: [...BATCH_FLAGS, batchCommandLine(file, request.args)], verbatim: true };
}

/**
 * `killTree` on Windows, which has neither signals nor process groups: `taskkill /T /F /PID <pid>` ends the
 * process and every process below it, walking the parent ids Windows records. It must run while `pid` is
 * alive: once it has exited, its descendants can no longer be found. Never rejects.
 */
export async function taskkillTree(adapter: ProcessAdapter, windows: WindowsSupport, pid: number): Promise<void> {
  const root = windows.env("SystemRoot");
  try {
    const child = await adapter.spawn({
      file: root ? `${root}\\System32\\taskkill.exe` : "taskkill.exe",
      args: ["/T", "/F", "/PID", String(pid)],
      cwd: undefined,
      env: { inherit: true, set: {}, unset: [] },
      stdin: "ignore",
      stdout: "ignore",
      stderr: "ignore",
      detached: false,
    });
    await child.exited;
  } catch {
    // Nothing more can be done: the caller has already asked the process itself to end.
  }
}
