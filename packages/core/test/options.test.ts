// Pure option mapping: every bad value throws the right class and names the value; nothing spawns.
import { describe, expect, it } from "vitest";
import { commandArgs, planOpen, planRun } from "../src/_options.js";
import { openProcess, type ProcessAdapter, runProcess } from "../src/index.js";

/**
 * An adapter whose every use fails the test: the calls below must throw before reaching it. Only which
 * platform it runs on may be read (a POSIX one), since that decides how a string command runs.
 */
const unusable = new Proxy({} as ProcessAdapter, {
  get: (_target, name) => {
    if (name === "windows") return undefined;
    throw new Error(`the adapter was used (${String(name)})`);
  },
});

describe("commandArgs", () => {
  it("runs a string through /bin/sh -c and an array as is", () => {
    expect(commandArgs("echo hi")).toEqual(["/bin/sh", "-c", "echo hi"]);
    expect(commandArgs(["ls", "-la"])).toEqual(["ls", "-la"]);
  });
  it("rejects NUL bytes, empty commands and non-strings", () => {
    expect(() => commandArgs(["a", "b\0c"])).toThrow(/command\[1\].*NUL.*"b\\u0000c"/);
    expect(() => commandArgs("")).toThrow(TypeError);
    expect(() => commandArgs([])).toThrow(TypeError);
    expect(() => commandArgs(["ls", 3 as unknown as string])).toThrow(/command\[1\] must be a string, got 3/);
  });
  it("rejects an empty executable name like an empty string command, but not an empty argument", () => {
    expect(() => commandArgs([""])).toThrow(TypeError);
    expect(() => commandArgs(["", "-l"])).toThrow(/command\[0\] must not be empty, got "": it is the program to run/);
    expect(commandArgs(["printf", ""])).toEqual(["printf", ""]);
  });
});

describe("planRun", () => {
  it("defaults: stdin ignore, pipes out, check on, utf8, 64 MiB", () => {
    const plan = planRun("true", undefined);
    expect(plan.request.stdin).toBe("ignore");
    expect(plan.request.stdout).toBe("pipe");
    expect(plan.request.stderr).toBe("pipe");
    expect(plan.check).toBe(true);
    expect(plan.encoding).toBe("utf8");
    expect(plan.maxBuffer).toBe(64 * 1024 * 1024);
    expect(plan.policy).toMatchObject({ timeout: 0, killSignal: "SIGTERM", forceKillAfter: 5000, killTree: false });
  });
  it("input switches stdin to pipe and conflicts with another stdin", () => {
    expect(planRun("cat", { input: "x" }).request.stdin).toBe("pipe");
    expect(() => planRun("cat", { input: "x", stdin: "inherit" })).toThrow(/`input` needs stdin "pipe", but `stdin` is "inherit"/);
  });
  it("killTree keeps the caller's session (no detached implied)", () => {
    expect(planRun("true", { killTree: true }).request.detached).toBe(false);
  });
  it("cleanup defaults to true, and to false only for a child asked to be detached", () => {
    expect(planRun("true", undefined).policy.cleanup).toBe(true);
    expect(planRun("true", { killTree: true }).policy.cleanup).toBe(true);
    expect(planRun("true", { detached: true }).policy.cleanup).toBe(false);
    expect(planRun("true", { detached: true, cleanup: true }).policy.cleanup).toBe(true);
  });
  it("maps env to inherit/set/unset", () => {
    expect(planRun("true", { env: { A: "1", B: undefined }, extendEnv: false }).request.env).toEqual({
      inherit: false,
      set: { A: "1" },
      unset: ["B"],
    });
  });
  it("converts file: URLs for cwd", () => {
    expect(planRun("true", { cwd: new URL("file:///tmp/a%20b/") }).request.cwd).toBe("/tmp/a b/");
    expect(planRun("true", { cwd: new URL("file://localhost/tmp/") }).request.cwd).toBe("/tmp/");
    expect(planRun("true", { cwd: new URL("file://server/share/dir") }).request.cwd).toBe("//server/share/dir");
    expect(() => planRun("true", { cwd: new URL("https://x.test/") })).toThrow(/file: URL, got "https:\/\/x.test\/"/);
  });
  it.each([
    [{ stdout: "piped" }, TypeError, /`stdout` must be "pipe", "inherit", "ignore", \{ file \} or a descriptor number, got "piped"/],
    [{ stderr: "both" }, TypeError, /"ignore", "stdout", \{ file \} or a descriptor number, got "both"/],
    [{ timeout: -1 }, RangeError, /`timeout` must be a non-negative finite number, got -1/],
    [{ timeout: Number.NaN }, TypeError, /`timeout` must be a number of milliseconds, got NaN/],
    [{ forceKillAfter: Number.POSITIVE_INFINITY }, RangeError, /`forceKillAfter`.*Infinity/],
    [{ killSignal: "SIGFOO" }, TypeError, /`killSignal` must be a signal name.*"SIGFOO"/],
    [{ maxBuffer: -5 }, RangeError, /`maxBuffer`.*-5/],
    [{ encoding: "latin1" }, TypeError, /`encoding`.*"latin1"/],
    [{ check: "yes" }, TypeError, /`check` must be a boolean, got "yes"/],
    [{ env: { A: 1 } }, TypeError, /`env.A` must be a string or undefined, got 1/],
    [{ env: { "A=B": "x" } }, TypeError, /invalid variable name "A=B"/],
    [{ env: { A: "x\0y" } }, TypeError, /`env.A` must not contain a NUL byte/],
    [{ signal: {} }, TypeError, /`signal` must be an AbortSignal/],
    [{ bogus: 1 }, TypeError, /Unknown option "bogus" for runProcess\(\)$/],
    [{ shell: true }, TypeError, /Unknown option "shell" for runProcess\(\): pass the command as a string/],
    [{ stdio: "inherit" }, TypeError, /Unknown option "stdio" for runProcess\(\): set `stdin`, `stdout` and `stderr`/],
    [{ reject: false }, TypeError, /Unknown option "reject" for runProcess\(\): pass `check: false`/],
    [{ all: true }, TypeError, /Unknown option "all" .*`stderr: "stdout"`/],
    [{ stripFinalNewline: false }, TypeError, /Unknown option "stripFinalNewline" .*`.trimEnd\(\)`/],
    [{ buffer: false }, TypeError, /Unknown option "buffer" .*use openProcess/],
    [{ cancelSignal: new AbortController().signal }, TypeError, /Unknown option "cancelSignal" .*as `signal`/],
    [{ forceKillAfterDelay: 100 }, TypeError, /Unknown option "forceKillAfterDelay" .*`forceKillAfter`/],
    [{ windowsHide: true }, TypeError, /Unknown option "windowsHide" .*no Windows options/],
  ])("rejects %o", (options, cls, message) => {
    expect(() => planRun("true", options as never)).toThrow(cls);
    expect(() => planRun("true", options as never)).toThrow(message);
  });
});

describe("planOpen", () => {
  it("defaults stdin to pipe and refuses runProcess-only options", () => {
    expect(planOpen("cat", undefined).request.stdin).toBe("pipe");
    expect(() => planOpen("cat", { input: "x" } as never)).toThrow(/Unknown option "input" for openProcess\(\)/);
  });
  it("says what to use instead of an execa or child_process option", () => {
    expect(() => planOpen("cat", { shell: "/bin/bash" } as never)).toThrow(
      /Unknown option "shell" for openProcess\(\): pass the command as a string/,
    );
    expect(() => planOpen("cat", { stdio: ["pipe", "pipe", "pipe"] } as never)).toThrow(/"stdio" for openProcess\(\): set `stdin`/);
    expect(() => planOpen("cat", { reject: false } as never)).toThrow(
      /"reject" for openProcess\(\): openProcess never rejects for an exit status/,
    );
  });
  it("rejects an empty executable name or an execa option before anything is spawned", async () => {
    await expect(runProcess(unusable, [""])).rejects.toThrow(/command\[0\] must not be empty/);
    await expect(runProcess(unusable, [""])).rejects.toBeInstanceOf(TypeError);
    await expect(openProcess(unusable, ["", "x"])).rejects.toThrow(/command\[0\] must not be empty/);
    await expect(runProcess(unusable, "echo hi", { reject: false } as never)).rejects.toThrow(/check: false/);
  });
});
