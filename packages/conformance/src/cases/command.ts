/** Command forms: a string runs through /bin/sh, an array is executed directly with byte-exact argv. */
import { text } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { scratchDir } from "../_fixtures.js";

/** Arguments a shell would rewrite: expansions, quotes, globs, separators, newlines, empty strings. */
const TRICKY = [
  "$HOME",
  "${PATH}",
  "$(echo subst)",
  "`echo tick`",
  "a b",
  "  padded  ",
  "'single'",
  '"double"',
  "back\\slash",
  "*",
  "?.ts",
  "[abc]",
  "~",
  "a;b|c&d",
  "&&",
  ">out",
  "",
  "line1\nline2\n",
  "tab\there",
  "ünï €😀 ≤ 你",
];

export function commandCases(ctx: Context): void {
  it("a string command runs through /bin/sh -c", async () => {
    const result = await ctx.runProcess("echo $((1 + 2)) | tr 3 x");
    expect(result.stdout).toBe("x\n");
    expect(result.args).toEqual(["/bin/sh", "-c", "echo $((1 + 2)) | tr 3 x"]);
  });

  it("a string command gets shell syntax: variables, redirections, && and exit status", async () => {
    const result = await ctx.runProcess('X=shell; echo "$X" >&2 && printf "%s" "$X" && exit 0');
    expect(result.stdout).toBe("shell");
    expect(result.stderr).toBe("shell\n");
    expect(result.exitCode).toBe(0);
  });

  it("an array command never passes through a shell", async () => {
    const result = await ctx.runProcess(["printf", "%s|", ...TRICKY]);
    expect(result.stdout).toBe(TRICKY.map((a) => `${a}|`).join(""));
    expect(result.args).toEqual(["printf", "%s|", ...TRICKY]);
  });

  it("array argv reaches the child byte-exact, one argument each", async () => {
    const result = await ctx.runProcess(ctx.sh('printf "%s\\0" "$#" "$@"', ...TRICKY));
    expect(result.stdout).toBe([String(TRICKY.length), ...TRICKY].map((a) => `${a}\0`).join(""));
  });

  it("arguments with leading dashes are passed as they are", async () => {
    const args = ["-n", "-e", "--", "--help", "-", "--flag=value", "-x-y"];
    const result = await ctx.runProcess(ctx.sh('for a in "$@"; do printf "<%s>" "$a"; done', ...args));
    expect(result.stdout).toBe(args.map((a) => `<${a}>`).join(""));
  });

  it("a very long argument and many arguments arrive intact", async () => {
    const long = `${"x".repeat(100_000)}$\`*\n${"é".repeat(1000)}`;
    const many = Array.from({ length: 2000 }, (_, i) => `arg${i}`);
    const result = await ctx.runProcess(ctx.sh('printf "%s" "$1"; shift; printf "|%s" "$#" "${2000}"', long, ...many));
    expect(result.stdout).toBe(`${long}|2000|arg1999`);
  });

  it("result.args and process.args hold the argv that was executed", async () => {
    const array = await ctx.runProcess(["sh", "-c", "exit 0", "name", "a b"]);
    expect(array.args).toEqual(["sh", "-c", "exit 0", "name", "a b"]);
    const string = await ctx.runProcess("true");
    expect(string.args).toEqual(["/bin/sh", "-c", "true"]);
    const proc = await ctx.openProcess(["printf", "%s", "-a", ""], { stdin: "ignore", stderr: "ignore" });
    try {
      expect(proc.args).toEqual(["printf", "%s", "-a", ""]);
      expect(await text(proc.stdout!)).toBe("-a");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  it("openProcess passes array argv byte-exact too", async () => {
    const proc = await ctx.openProcess(ctx.sh('printf "%s\\0" "$@"', ...TRICKY), { stdin: "ignore" });
    try {
      const [out] = await Promise.all([text(proc.stdout!), proc.wait()]);
      expect(out).toBe(TRICKY.map((a) => `${a}\0`).join(""));
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  it("a relative ./script path is resolved against cwd", async () => {
    const dir = await scratchDir(ctx, "anyproc-command");
    try {
      await ctx.runProcess(
        ctx.sh(
          'mkdir "$1/bin" && printf \'#!/bin/sh\\nprintf "ran:%%s" "$1"\\n\' > "$1/bin/anyproc-rel.sh" && chmod 755 "$1/bin/anyproc-rel.sh"',
          dir,
        ),
      );
      const direct = await ctx.runProcess(["./anyproc-rel.sh", "a b"], { cwd: `${dir}/bin` });
      expect(direct.stdout).toBe("ran:a b");
      const nested = await ctx.runProcess(["./bin/anyproc-rel.sh", "$x"], { cwd: dir });
      expect(nested.stdout).toBe("ran:$x");
    } finally {
      await ctx.runProcess(["rm", "-rf", dir]);
    }
  });

  it("a bare command name is looked up on PATH", async () => {
    const result = await ctx.runProcess(["sh", "-c", 'command -v sh >/dev/null && echo "$0"', "via-path"]);
    expect(result.stdout).toBe("via-path\n");
  });
}
