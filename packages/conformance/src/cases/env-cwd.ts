/**
 * Environment and working directory: `env` is merged over the caller's environment as it is at spawn time
 * (not a startup snapshot), `undefined` removes a variable, `extendEnv: false` gives exactly `env`, values
 * are passed byte-exact, and `cwd` accepts an absolute path, a relative path and a file: URL. Where the runtime
 * adds variables on its own (libuv on Windows: see the `exactEnv` capability), a child may have those too, each
 * with the caller's value, and nothing else.
 */
import { realpath } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { text } from "@anyproc/core";
import { expect } from "vitest";
import type { Context } from "../_context.js";
import { removeDir, scratchDir } from "../_fixtures.js";
import { addedByRuntime } from "../capabilities.js";

/** The caller's `process.env`, which Node, Bun and Deno 2 all provide as a global. */
const callerEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;

/** The variables the program's `env` step printed. */
const parsed = (stdout: string) => JSON.parse(stdout) as Record<string, string>;

export function envCwdCases(ctx: Context): void {
  const it = ctx.when("programs");
  /** The environment of a child, as the program sees it: the variables `names` lists that are set, or all. */
  const childEnv = async (names: string, options: { env?: Record<string, string | undefined>; extendEnv?: boolean } = {}) =>
    parsed((await ctx.runProcess(ctx.program("env", names), options)).stdout);
  /**
   * `seen`, a child's environment, without the variables its runtime added on its own to what it was `given`
   * (see {@link addedByRuntime}), each of which must hold the caller's value.
   */
  const withoutAdded = (seen: Record<string, string>, given: readonly string[]) => {
    const added = addedByRuntime(ctx.caps, Object.keys(seen), given);
    for (const name of added) expect([name, seen[name]]).toEqual([name, callerEnv?.[name]]);
    return Object.fromEntries(Object.entries(seen).filter(([name]) => !added.includes(name)));
  };
  /** The working directory of a child started with `cwd`, as the program sees it: its real path. */
  const childCwd = async (cwd: string | URL) => (await ctx.runProcess(ctx.program("cwd"), { cwd })).stdout;

  it("the caller's current environment is inherited, also when it changed after start-up", async () => {
    const name = "ANYPROC_CONF_PARENT";
    const value = `set-at-test-time-${Date.now()}`;
    if (callerEnv) callerEnv[name] = value;
    try {
      const names = "ANYPROC_CONF_PARENT,ANYPROC_CONF_CHILD,PATH";
      const plain = await childEnv(names);
      const merged = await childEnv(names, { env: { ANYPROC_CONF_CHILD: "child" } });
      const parent = callerEnv ? { ANYPROC_CONF_PARENT: value } : {};
      expect(plain).toEqual({ ...parent, PATH: expect.any(String) });
      expect(merged).toEqual({ ...parent, ANYPROC_CONF_CHILD: "child", PATH: expect.any(String) });
    } finally {
      if (callerEnv) delete callerEnv[name];
    }
  });

  it("env overrides an inherited variable without touching the others", async () => {
    expect(await childEnv("HOME,PATH", { env: { HOME: "/anyproc/override" } })).toEqual({
      HOME: "/anyproc/override",
      PATH: expect.any(String),
    });
  });

  it("a variable set to undefined is removed from the inherited environment", async () => {
    const name = "ANYPROC_CONF_REMOVE";
    if (callerEnv) callerEnv[name] = "present";
    try {
      const before = Object.keys(await childEnv("*")).sort();
      expect(before).toContain("PATH");
      if (callerEnv) expect(before).toContain(name);
      const kept = before.filter((n) => n !== "PATH" && n !== name);
      const after = Object.keys(withoutAdded(await childEnv("*", { env: { PATH: undefined, [name]: undefined } }), kept)).sort();
      expect(after).not.toContain("PATH");
      expect(after).not.toContain(name);
      // Everything else is still inherited.
      expect(after).toEqual(kept);
    } finally {
      if (callerEnv) delete callerEnv[name];
    }
  });

  it("extendEnv: false gives the child exactly env and nothing else", async () => {
    const only = await childEnv("*", { env: { A: "1", B: "two words", GONE: undefined }, extendEnv: false });
    expect(withoutAdded(only, ["A", "B"])).toEqual({ A: "1", B: "two words" });
    expect(withoutAdded(await childEnv("*", { extendEnv: false }), [])).toEqual({});
  });

  it("unicode, '=' and empty values are passed byte-exact", async () => {
    const env = { ANYPROC_U: "ünï €😀", ANYPROC_EQ: "a=b==c=", ANYPROC_NL: "line1\nline2", ANYPROC_EMPTY: "" };
    expect(await childEnv(Object.keys(env).join(","), { env })).toEqual(env);
  });

  it("cwd as an absolute path string", async () => {
    const dir = await scratchDir("anyproc-cwd");
    try {
      expect(await childCwd(dir)).toBe(dir);
    } finally {
      await removeDir(dir);
    }
  });

  it("cwd as a relative path resolves against the caller's working directory", async () => {
    expect(await childCwd("..")).toBe(await realpath(".."));
    expect(await childCwd(".")).toBe(await realpath("."));
  });

  it("cwd as a file: URL", async () => {
    const dir = await scratchDir("anyproc-cwd-url");
    try {
      const url = pathToFileURL(`${dir}/`);
      expect(url.href.endsWith("/")).toBe(true);
      expect(await childCwd(url)).toBe(dir);
    } finally {
      await removeDir(dir);
    }
  });

  it("a cwd with spaces and non-ASCII characters, as a string and as a percent-encoded URL", async () => {
    const dir = await scratchDir("anyproc cwd ü €");
    try {
      expect(await childCwd(dir)).toBe(dir);
      const url = pathToFileURL(dir);
      expect(url.href).toContain("%20");
      expect(await childCwd(url)).toBe(dir);
    } finally {
      await removeDir(dir);
    }
  });

  it("openProcess applies env and cwd too", async () => {
    const dir = await scratchDir("anyproc-open-cwd");
    const proc = await ctx.openProcess(ctx.program("env", "ANYPROC_OPEN", "out", "|", "cwd"), {
      cwd: dir,
      env: { ANYPROC_OPEN: "open ✓" },
      stdin: "ignore",
    });
    try {
      const out = await text(proc.stdout!);
      expect(out).toBe(`{"ANYPROC_OPEN":"open ✓"}|${dir}`);
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
      await removeDir(dir);
    }
  });
}
