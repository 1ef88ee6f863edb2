/**
 * Environment and working directory: `env` is merged over the caller's environment as it is at spawn time
 * (not a startup snapshot), `undefined` removes a variable, `extendEnv: false` gives exactly `env`, values
 * are passed byte-exact, and `cwd` accepts an absolute path, a relative path and a file: URL.
 */
import { text } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { removeDir, scratchDir } from "../_fixtures.js";

/** The caller's `process.env`, which Node, Bun and Deno 2 all provide as a global. */
const callerEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;

/** The sorted names of the variables `/usr/bin/env` printed (one `NAME=value` a line). */
function names(envOutput: string): string[] {
  return envOutput
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.slice(0, line.indexOf("=")))
    .sort();
}

/** The physical path of `dir` as the shell resolves it, with the caller's cwd as the base. */
async function physical(ctx: Context, dir: string): Promise<string> {
  return (await ctx.runProcess(ctx.sh('cd "$1" && pwd -P', dir))).stdout;
}

export function envCwdCases(ctx: Context): void {
  it("the caller's current environment is inherited, also when it changed after start-up", async () => {
    const name = "ANYPROC_CONF_PARENT";
    const value = `set-at-test-time-${Date.now()}`;
    if (callerEnv) callerEnv[name] = value;
    try {
      const script = 'printf "%s|%s|%s" "$ANYPROC_CONF_PARENT" "$ANYPROC_CONF_CHILD" "${PATH:+has-path}"';
      const plain = await ctx.runProcess(ctx.sh(script));
      const merged = await ctx.runProcess(ctx.sh(script), { env: { ANYPROC_CONF_CHILD: "child" } });
      const expected = callerEnv ? value : "";
      expect(plain.stdout).toBe(`${expected}||has-path`);
      expect(merged.stdout).toBe(`${expected}|child|has-path`);
    } finally {
      if (callerEnv) delete callerEnv[name];
    }
  });

  it("env overrides an inherited variable without touching the others", async () => {
    const result = await ctx.runProcess(ctx.sh('printf "%s|%s" "$HOME" "${PATH:+has-path}"'), {
      env: { HOME: "/anyproc/override" },
    });
    expect(result.stdout).toBe("/anyproc/override|has-path");
  });

  it("a variable set to undefined is removed from the inherited environment", async () => {
    const name = "ANYPROC_CONF_REMOVE";
    if (callerEnv) callerEnv[name] = "present";
    try {
      const before = names((await ctx.runProcess(["/usr/bin/env"])).stdout);
      expect(before).toContain("PATH");
      if (callerEnv) expect(before).toContain(name);
      const after = names((await ctx.runProcess(["/usr/bin/env"], { env: { PATH: undefined, [name]: undefined } })).stdout);
      expect(after).not.toContain("PATH");
      expect(after).not.toContain(name);
      // Everything else is still inherited.
      expect(after).toEqual(before.filter((n) => n !== "PATH" && n !== name));
    } finally {
      if (callerEnv) delete callerEnv[name];
    }
  });

  it("extendEnv: false gives the child exactly env and nothing else", async () => {
    const only = await ctx.runProcess(["/usr/bin/env"], { env: { A: "1", B: "two words", GONE: undefined }, extendEnv: false });
    expect(
      only.stdout
        .split("\n")
        .filter((l) => l !== "")
        .sort(),
    ).toEqual(["A=1", "B=two words"]);
    const empty = await ctx.runProcess(["/usr/bin/env"], { extendEnv: false });
    expect(empty.stdout).toBe("");
  });

  it("unicode, '=' and empty values are passed byte-exact", async () => {
    const env = { ANYPROC_U: "ünï €😀", ANYPROC_EQ: "a=b==c=", ANYPROC_NL: "line1\nline2", ANYPROC_EMPTY: "" };
    const result = await ctx.runProcess(
      ctx.sh('printf "%s\\0" "$ANYPROC_U" "$ANYPROC_EQ" "$ANYPROC_NL" "$ANYPROC_EMPTY" "${ANYPROC_EMPTY+set}"'),
      { env },
    );
    expect(result.stdout).toBe("ünï €😀\0a=b==c=\0line1\nline2\0\0set\0");
  });

  it("cwd as an absolute path string", async () => {
    const dir = await scratchDir(ctx, "anyproc-cwd");
    try {
      const result = await ctx.runProcess(ctx.sh("pwd -P"), { cwd: dir });
      expect(result.stdout).toBe(await physical(ctx, dir));
    } finally {
      await removeDir(ctx, dir);
    }
  });

  it("cwd as a relative path resolves against the caller's working directory", async () => {
    const result = await ctx.runProcess(ctx.sh("pwd -P"), { cwd: ".." });
    expect(result.stdout).toBe(await physical(ctx, ".."));
    const dot = await ctx.runProcess(ctx.sh("pwd -P"), { cwd: "." });
    expect(dot.stdout).toBe(await physical(ctx, "."));
  });

  it("cwd as a file: URL", async () => {
    const result = await ctx.runProcess(ctx.sh("pwd -P"), { cwd: new URL("file:///tmp/") });
    expect(result.stdout).toBe(await physical(ctx, "/tmp"));
  });

  it("a cwd with spaces and non-ASCII characters, as a string and as a percent-encoded URL", async () => {
    const dir = await scratchDir(ctx, "anyproc cwd ü €");
    try {
      const expected = await physical(ctx, dir);
      const asString = await ctx.runProcess(ctx.sh("pwd -P"), { cwd: dir });
      expect(asString.stdout).toBe(expected);
      const url = new URL(`file://${dir}/`);
      expect(url.href).toContain("%20");
      const asUrl = await ctx.runProcess(ctx.sh("pwd -P"), { cwd: url });
      expect(asUrl.stdout).toBe(expected);
    } finally {
      await removeDir(ctx, dir);
    }
  });

  it("openProcess applies env and cwd too", async () => {
    const dir = await scratchDir(ctx, "anyproc-open-cwd");
    const proc = await ctx.openProcess(ctx.sh('printf "%s|" "$ANYPROC_OPEN"; pwd -P'), {
      cwd: dir,
      env: { ANYPROC_OPEN: "open ✓" },
      stdin: "ignore",
    });
    try {
      const out = await text(proc.stdout!);
      expect(out).toBe(`open ✓|${await physical(ctx, dir)}`);
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
      await removeDir(ctx, dir);
    }
  });
}
