// How core turns a command into what Windows runs, checked against models of the two parsers involved (the
// C runtime's command-line rules and cmd.exe's expansion of `%` and its quotes, `^` and operators), and core's
// Windows policy over a fake adapter.
// The real cmd.exe and CreateProcess are exercised by the Windows lanes of the conformance suite.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BATCH_FLAGS,
  batchCommandLine,
  CMD_FLAGS,
  canonicalEnv,
  quoteForBatch,
  resolveCommand,
  windowsPath,
  windowsRequest,
} from "../src/_windows.js";
import type { ExitStatus, PathKind, ProcessAdapter, SpawnedChild, SpawnRequest, WindowsSupport } from "../src/index.js";
import { openProcess, ProcessTimeoutError, runProcess, SpawnError } from "../src/index.js";

/** The arguments a program reads from `line` under the Microsoft C runtime's rules (CommandLineToArgvW). */
function parseC(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (i >= line.length) return out;
    let arg = "";
    let quoted = false;
    while (i < line.length) {
      const c = line[i] as string;
      if (c === "\\") {
        let count = 0;
        while (line[i] === "\\") {
          count++;
          i++;
        }
        if (line[i] === '"') {
          arg += "\\".repeat(count >> 1);
          if (count % 2 === 1) {
            arg += '"';
            i++;
          }
        } else arg += "\\".repeat(count);
        continue;
      }
      if (c === '"') {
        if (quoted && line[i + 1] === '"') {
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
        continue;
      }
      if (!quoted && (c === " " || c === "\t")) break;
      arg += c;
      i++;
    }
    out.push(arg);
  }
}

/** The variables `cmd.exe` knows in the model: a `%NAME%` of one of them in an argument would be expanded. */
const VARIABLES: Record<string, string> = { PATH: "C:\\Windows", X: "expanded", CD: "C:\\work" };

/**
 * `cmd.exe`'s expansion of `%` on its command line, more eager than cmd.exe: `%cd:~,%` (an empty substring) is
 * nothing, `%NAME%` of a known variable (any case) its value, and any other `%` stays, the scan going on at the
 * next character, so that its closing `%` may open another `%NAME%`.
 */
function expandPercent(line: string): string {
  let out = "";
  for (let i = 0; i < line.length; ) {
    const end = line[i] === "%" ? line.indexOf("%", i + 1) : -1;
    const name = end < 0 ? undefined : line.slice(i + 1, end);
    const value = name === undefined ? undefined : name.toLowerCase() === "cd:~," ? "" : VARIABLES[name.toUpperCase()];
    if (value === undefined) {
      out += line[i++];
      continue;
    }
    out += value;
    i = end + 1;
  }
  return out;
}

/**
 * `cmd.exe`'s reading of `line` after `%` is expanded: every `"` starts or ends a quoted stretch; outside one, `^x`
 * is a literal `x` and `&`, `|`, `<`, `>`, `(` and `)` are operators, which the model refuses (they would end the
 * command, redirect it or end a parenthesised block).
 */
function cmdRead(line: string): string {
  let out = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "^") {
      out += line[++i] ?? "";
      continue;
    } else if (!quoted && "&|<>()".includes(c)) throw new Error(`cmd.exe reads ${JSON.stringify(c)} in ${line} as an operator`);
    out += c;
  }
  return out;
}

/**
 * What the program started by a batch file run as `cmd.exe /d /e:ON /v:OFF /s /c <line>` reads, when the script
 * passes its arguments on with `prog %*` (as every node_modules/.bin shim does): `/s` drops the outer quotes,
 * `cmd.exe` expands `%` and reads the command (the file is its first word, in quotes), then reads the line of the
 * script again once `%*` is put in (without expanding `%` in what it put there), and the program parses its
 * arguments as the C runtime does.
 */
function forwarded(line: string): { file: string; args: string[] } {
  expect(line.startsWith('"') && line.endsWith('"')).toBe(true);
  const command = cmdRead(expandPercent(line.slice(1, -1)));
  expect(command.startsWith('"')).toBe(true);
  const end = command.indexOf('"', 1);
  const file = command.slice(1, end);
  const rest = command.slice(end + 1);
  return { file, args: parseC(cmdRead(`prog.exe${rest}`)).slice(1) };
}

/** Strings without the characters no command line can carry to a batch file (NUL, CR, LF). */
const argument = fc.string({ unit: "binary", maxLength: 12 }).filter((s) => !/[\0\r\n]/.test(s));
const special = fc.constantFrom('"', "\\", "%", "!", "^", "&", "|", "<", ">", " ", "(", ")", "%PATH%", "", "\\\\", '\\"', "a b");
const tricky = fc.array(
  fc.oneof(
    argument,
    special,
    fc.array(special, { maxLength: 4 }).map((parts) => parts.join("")),
  ),
  {
    maxLength: 6,
  },
);

describe("quoteForBatch", () => {
  it("quotes an argument unless it is a word cmd.exe gives no meaning, doubling each quote", () => {
    expect(quoteForBatch("plain-word_1.txt")).toBe("plain-word_1.txt");
    expect(quoteForBatch("C:\\dir\\é")).toBe("C:\\dir\\é");
    expect(quoteForBatch("")).toBe('""');
    expect(quoteForBatch("a b")).toBe('"a b"');
    expect(quoteForBatch('say "hi"')).toBe('"say ""hi"""');
    expect(quoteForBatch('a\\"b\\')).toBe('"a\\\\""b\\\\"');
    expect(quoteForBatch("%PATH%")).toBe('"%%cd:~,%PATH%%cd:~,%"');
    expect(quoteForBatch("x=1,y;z")).toBe('"x=1,y;z"');
  });
});

describe("batchCommandLine", () => {
  it("passes every argument through a batch file that passes %* on, byte for byte", () => {
    const file = "C:\\Program Files\\tool (x86)\\run.cmd";
    fc.assert(
      fc.property(tricky, (args) => {
        expect(forwarded(batchCommandLine(file, args))).toEqual({ file, args });
      }),
    );
  });

  it("keeps every quote and operator of an argument away from cmd.exe, which once ran what followed a quote", () => {
    const args = ['"', "&", '\\"&calc.exe', '"a&b"', "%X%", "^", ")"];
    expect(forwarded(batchCommandLine("C:\\x.cmd", args))).toEqual({ file: "C:\\x.cmd", args });
    expect(batchCommandLine("C:\\x.cmd", ['"', "&"])).toBe('""C:\\x.cmd" """" "&""');
  });

  it("writes a % in the file's path as in an argument", () => {
    expect(forwarded(batchCommandLine("C:\\100%X%\\x.bat", ["a"]))).toEqual({ file: "C:\\100%X%\\x.bat", args: ["a"] });
  });

  it("refuses a line break, which no escaping carries through cmd.exe, naming the argument", () => {
    expect(() => batchCommandLine("C:\\x.bat", ["ok", "two\nlines"])).toThrow(
      new TypeError(
        'Argument 2 of the batch file "C:\\\\x.bat" holds a line break, which cmd.exe cannot pass to a batch file: "two\\nlines"',
      ),
    );
  });
});

/** A fake filesystem for resolveCommand: the files that exist, matched as Windows does (any case, / or \\). */
const files = (...paths: string[]) => {
  const looked: string[] = [];
  const same = (path: string) => path.toLowerCase().replaceAll("/", "\\");
  const kind = async (path: string): Promise<PathKind> => {
    looked.push(path);
    return paths.some((file) => same(file) === same(path)) ? "not-directory" : "missing";
  };
  return { kind, looked };
};

describe("resolveCommand", () => {
  const search = { path: 'C:\\bin;"C:\\quoted dir";;C:\\tools\\', pathext: ".COM;.EXE;.BAT;.CMD", cwd: "C:\\work" };

  it("finds a bare name with each PATHEXT extension, in the working directory first, then along PATH", async () => {
    const { kind, looked } = files("C:\\quoted dir\\npm.cmd", "C:\\tools\\npm.CMD");
    expect(await resolveCommand("npm", search, kind)).toBe("C:\\quoted dir\\npm.CMD");
    expect(looked.slice(0, 5)).toEqual([
      "C:\\work\\npm.COM",
      "C:\\work\\npm.EXE",
      "C:\\work\\npm.BAT",
      "C:\\work\\npm.CMD",
      "C:\\bin\\npm.COM",
    ]);
  });

  it("tries a name that has a PATHEXT extension as it is first", async () => {
    const { kind } = files("C:\\bin\\node.exe");
    expect(await resolveCommand("node.exe", search, kind)).toBe("C:\\bin\\node.exe");
    expect(await resolveCommand("tools\\tsc", search, files("C:\\work\\tools\\tsc.cmd").kind)).toBe("C:\\work\\tools\\tsc.CMD");
  });

  it("takes an absolute path as it is, adding extensions only", async () => {
    const { kind, looked } = files("D:\\x\\run.bat");
    expect(await resolveCommand("D:\\x\\run", search, kind)).toBe("D:\\x\\run.BAT");
    expect(looked.every((path) => path.startsWith("D:\\x\\run"))).toBe(true);
  });

  it("gives up when nothing is found, or when the caller may not look", async () => {
    expect(await resolveCommand("nothing", search, files().kind)).toBeUndefined();
    expect(await resolveCommand("npm", search, async () => "unknown")).toBeUndefined();
  });
});

/** A Windows caller whose environment is `env` (names as spelled; looked up without regard to case). */
const windowsOf = (env: Record<string, string>): WindowsSupport => ({
  env: (name) => Object.entries(env).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1],
  envNames: () => Object.keys(env),
});

const request = (file: string, args: string[], env: Partial<SpawnRequest["env"]> = {}): SpawnRequest => ({
  file,
  args,
  cwd: undefined,
  env: { inherit: true, set: {}, unset: [], ...env },
  stdin: "ignore",
  stdout: "pipe",
  stderr: "pipe",
  detached: false,
});

describe("canonicalEnv", () => {
  it("spells a variable as the caller's environment does, so the child never gets Path and PATH", () => {
    const windows = windowsOf({ Path: "C:\\bin", TEMP: "C:\\tmp" });
    expect(canonicalEnv(windows, request("x", [], { set: { PATH: "D:\\bin", path: "E:\\bin", New: "1" }, unset: ["temp"] }))).toEqual({
      inherit: true,
      set: { Path: "E:\\bin", New: "1" },
      unset: ["TEMP"],
    });
  });
});

describe("windowsRequest", () => {
  const windows = windowsOf({ ComSpec: "C:\\Windows\\system32\\cmd.exe", Path: "C:\\bin", PATHEXT: ".EXE;.CMD" });

  it("runs a string command through %ComSpec% with its text quoted whole, verbatim", async () => {
    const out = await windowsRequest(
      windows,
      request("C:\\Windows\\system32\\cmd.exe", [...CMD_FLAGS, 'echo "hi" & ver']),
      true,
      files().kind,
    );
    expect(out).toMatchObject({ file: "C:\\Windows\\system32\\cmd.exe", args: ["/d", "/s", "/c", '"echo "hi" & ver"'], verbatim: true });
  });

  it("runs a .cmd found through the child's own Path via cmd.exe, and an .exe directly", async () => {
    const fs = files("D:\\shims\\tool.cmd", "C:\\bin\\node.exe");
    const shim = await windowsRequest(windows, request("tool", ["a b"], { set: { PATH: "D:\\shims" } }), false, fs.kind);
    expect(shim).toMatchObject({
      file: "C:\\Windows\\system32\\cmd.exe",
      args: [...BATCH_FLAGS, '""D:\\shims\\tool.CMD" "a b""'],
      verbatim: true,
    });
    expect(shim.env.set).toEqual({ Path: "D:\\shims" });
    const exe = await windowsRequest(windows, request("node", ["a b"]), false, fs.kind);
    expect(exe).toMatchObject({ file: "C:\\bin\\node.EXE", args: ["a b"] });
    expect(exe.verbatim).toBeUndefined();
  });

  it("spells the working directory of a file: URL as Windows does, and looks for commands there", async () => {
    const fs = files("C:\\work dir\\tool.cmd");
    const out = await windowsRequest(windows, { ...request("tool", []), cwd: "/C:/work dir" }, false, fs.kind);
    expect(out.cwd).toBe("C:\\work dir");
    expect(out.args.at(-1)).toBe('""C:\\work dir\\tool.CMD""');
    expect(windowsPath("/c:/a/b/")).toBe("c:\\a\\b\\");
    expect(windowsPath("//server/share/dir")).toBe("//server/share/dir");
    expect(windowsPath("C:\\dir")).toBe("C:\\dir");
  });

  it("leaves a command it cannot find for the runtime to report", async () => {
    expect(await windowsRequest(windows, request("missing", []), false, files().kind)).toMatchObject({ file: "missing" });
  });
});

/** A Windows adapter whose children report exit code 1 when killed, as TerminateProcess leaves them. */
function windowsAdapter() {
  const spawned: SpawnRequest[] = [];
  const exits: Array<(status: ExitStatus) => void> = [];
  const adapter: ProcessAdapter = {
    runtime: "fake",
    execPath: "C:\\fake.exe",
    pathKind: async () => "missing",
    windows: windowsOf({ ComSpec: "C:\\cmd.exe", SystemRoot: "C:\\Windows" }),
    async spawn(req) {
      spawned.push(req);
      let exit!: (status: ExitStatus) => void;
      const exited = new Promise<ExitStatus>((resolve) => (exit = resolve));
      exits.push(exit);
      const child: SpawnedChild = {
        pid: 100 + spawned.length,
        stdin: null,
        stdout: null,
        stderr: null,
        exited,
        kill: (signal) => {
          if (signal === "SIGUSR1") return false;
          setTimeout(() => exit({ exitCode: 1, signal: null }), 1);
          return true;
        },
      };
      // taskkill ends at once.
      if (req.file.endsWith("taskkill.exe")) exit({ exitCode: 0, signal: null });
      return child;
    },
  };
  return { adapter, spawned, exits };
}

describe("core policy on Windows", () => {
  it("a child anyproc ended reports the signal anyproc sent, one that exits by itself its code", async () => {
    const { adapter, exits } = windowsAdapter();
    const proc = await openProcess(adapter, ["server"], { stdin: "ignore", stdout: "ignore", stderr: "ignore" });
    expect(proc.sendSignal("SIGUSR1")).toBe(false);
    expect(proc.terminate()).toBe(true);
    expect(await proc.wait()).toEqual({ exitCode: null, signal: "SIGTERM" });
    const own = await openProcess(adapter, ["task"], { stdin: "ignore", stdout: "ignore", stderr: "ignore" });
    exits[1]?.({ exitCode: 1, signal: null });
    expect(await own.wait()).toEqual({ exitCode: 1, signal: null });
  });

  it("killTree ends the tree with taskkill /T /F while the child runs, and spawns nothing detached", async () => {
    const { adapter, spawned } = windowsAdapter();
    const error = await runProcess(adapter, ["tree"], { killTree: true, timeout: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    expect((error as ProcessTimeoutError).signal).toBe("SIGTERM");
    expect(spawned[0]?.detached).toBe(false);
    expect(spawned[1]).toMatchObject({ file: "C:\\Windows\\System32\\taskkill.exe", args: ["/T", "/F", "/PID", "101"] });
    expect(spawned).toHaveLength(2);
  });

  it("a string command's argv names cmd.exe, the shell that runs it", async () => {
    const { adapter, spawned } = windowsAdapter();
    const proc = await openProcess(adapter, "echo hi", { stdin: "ignore", stdout: "ignore", stderr: "ignore" });
    expect(proc.args).toEqual(["C:\\cmd.exe", "/d", "/s", "/c", "echo hi"]);
    expect(spawned[0]).toMatchObject({ file: "C:\\cmd.exe", args: ["/d", "/s", "/c", '"echo hi"'], verbatim: true });
    proc.kill();
    await proc.wait();
  });
});

/**
 * An adapter on Windows whose spawn fails with ENOENT, as libuv reports a missing cwd, a cwd through a file and a
 * directory as the command, over a filesystem of `dirs` and `plain` files where a path through a file is missing,
 * as Windows reports it (ERROR_PATH_NOT_FOUND).
 */
function failingAdapter(dirs: string[], plain: string[]): ProcessAdapter {
  const same = (path: string) => path.toLowerCase().replaceAll("/", "\\").replace(/\\+$/, "");
  const has = (list: string[], path: string) => list.some((entry) => same(entry) === same(path));
  return {
    runtime: "fake",
    execPath: "C:\\fake.exe",
    windows: windowsOf({}),
    pathKind: async (path) => (has(dirs, path) ? "directory" : has(plain, path) ? "not-directory" : "missing"),
    spawn: async () => {
      throw Object.assign(new Error("spawn ENOENT"), { code: "ENOENT" });
    },
  };
}

describe("spawn errors on Windows", () => {
  const adapter = failingAdapter(["C:\\", "C:\\work", "C:\\work\\dir"], ["C:\\work\\file.txt"]);
  const failure = async (command: string[], cwd?: string | URL) =>
    (await runProcess(adapter, command, cwd === undefined ? {} : { cwd }).catch((error: unknown) => error)) as SpawnError;

  it("a cwd that is a file or goes through one is ENOTDIR, a missing one ENOENT, each named as it is written", async () => {
    for (const cwd of ["C:\\work\\file.txt", "C:\\work\\file.txt\\below", "C:\\work/file.txt/a/b"]) {
      const error = await failure(["C:\\fake.exe"], cwd);
      expect(error).toBeInstanceOf(SpawnError);
      expect(error.code).toBe("ENOTDIR");
      expect(error.message).toBe(`Failed to spawn "C:\\fake.exe": the cwd "${cwd}" is not a directory (ENOTDIR)`);
    }
    const missing = await failure(["C:\\fake.exe"], "C:\\work\\gone\\deeper");
    expect(missing.code).toBe("ENOENT");
    expect(missing.message).toContain('the cwd "C:\\work\\gone\\deeper" does not exist');
    expect(missing.cwd).toBe("C:\\work\\gone\\deeper");
  });

  it("names the cwd of a file: URL as Windows spells it", async () => {
    const error = await failure(["C:\\fake.exe"], new URL("file:///C:/work/gone"));
    expect(error.code).toBe("ENOENT");
    expect(error.message).toContain('the cwd "C:\\work\\gone" does not exist');
    expect(error.cwd).toBe("C:\\work\\gone");
  });

  it("a directory as the command is EACCES, as execve(2) says; a missing file stays ENOENT", async () => {
    const dir = await failure(["C:\\work\\dir"]);
    expect(dir.code).toBe("EACCES");
    expect(dir.message).toBe('Failed to spawn "C:\\work\\dir": permission denied (not an executable file) (EACCES)');
    const relative = await failure(["dir\\"], "C:\\work");
    expect(relative.code).toBe("EACCES");
    const missing = await failure(["C:\\work\\nothing"]);
    expect(missing.code).toBe("ENOENT");
    expect(missing.message).toBe('Failed to spawn "C:\\work\\nothing": no such file (ENOENT)');
    expect((await failure(["nothing"])).message).toContain("command not found on PATH");
  });
});

describe("redirection on Windows", () => {
  it("opens the file of a file: URL, or a relative file in the cwd of a file: URL, as Windows spells it", async () => {
    const opened: string[] = [];
    const { adapter } = windowsAdapter();
    adapter.openFile = async (path) => {
      opened.push(path);
      throw Object.assign(new Error("not found"), { code: "ENOENT" });
    };
    const url = await runProcess(adapter, ["tool"], { stdin: { file: new URL("file:///C:/work/in.bin") } }).catch((e: unknown) => e);
    expect(opened[0]).toBe("C:\\work\\in.bin");
    expect((url as SpawnError).message).toContain('the stdin file "C:\\work\\in.bin" does not exist');
    const relative = await runProcess(adapter, ["tool"], { cwd: new URL("file:///C:/work"), stdout: { file: "out.txt" } }).catch(
      (e: unknown) => e,
    );
    expect(opened[1]).toBe("C:\\work\\out.txt");
    expect((relative as SpawnError).cwd).toBe("C:\\work");
  });
});
