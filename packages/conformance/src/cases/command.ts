/**
 * Command forms: a string runs through the platform's shell (`/bin/sh` where there is one), an array is
 * executed directly with byte-exact argv, which the portable program prints back.
 */
import { text } from "@anyproc/core";
import { expect } from "vitest";
import type { Context } from "../_context.js";
import { makeDir, makeFile, removeDir, scratchDir } from "../_fixtures.js";

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

/** What the program's `argv` step prints for `args`: their number, then each, each followed by a NUL. */
const printed = (args: readonly string[]) => [String(args.length), ...args].map((a) => `${a}\0`).join("");

export function commandCases(ctx: Context): void {
  const shell = ctx.when("posixShell");
  const run = ctx.when("programs");

  shell("a string command runs through /bin/sh -c", async () => {
    const result = await ctx.runProcess("echo $((1 + 2)) | tr 3 x");
    expect(result.stdout).toBe("x\n");
    expect(result.args).toEqual(["/bin/sh", "-c", "echo $((1 + 2)) | tr 3 x"]);
    const proc = await ctx.openProcess("exit 0", { stdin: "ignore" });
    try {
      expect(proc.args).toEqual(["/bin/sh", "-c", "exit 0"]);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  shell("a string command gets shell syntax: variables, redirections, && and exit status", async () => {
    const result = await ctx.runProcess('X=shell; echo "$X" >&2 && printf "%s" "$X" && exit 0');
    expect(result.stdout).toBe("shell");
    expect(result.stderr).toBe("shell\n");
    expect(result.exitCode).toBe(0);
  });

  run("an array command never passes through a shell", async () => {
    const command = ctx.program("argv", ...TRICKY);
    const result = await ctx.runProcess(command);
    expect(result.stdout).toBe(printed(TRICKY));
    expect(result.args).toEqual(command);
  });

  run("array argv reaches the child byte-exact, one argument each", async () => {
    const result = await ctx.runProcess(ctx.program("argv", ...TRICKY), { encoding: "bytes" });
    expect(Array.from(result.stdout)).toEqual(Array.from(new TextEncoder().encode(printed(TRICKY))));
  });

  run("arguments with leading dashes are passed as they are", async () => {
    const args = ["-n", "-e", "--", "--help", "-", "--flag=value", "-x-y"];
    const result = await ctx.runProcess(ctx.program("argv", ...args));
    expect(result.stdout).toBe(printed(args));
  });

  run("a very long argument and many arguments arrive intact", async () => {
    // Within Windows' limit of 32 767 characters for a whole command line.
    const long = `${"x".repeat(20_000)}$\`*\n${"é".repeat(1000)}`;
    const many = Array.from({ length: 800 }, (_, i) => `arg${i}`);
    const result = await ctx.runProcess(ctx.program("argv", long, ...many));
    expect(result.stdout).toBe(printed([long, ...many]));
  });

  run("result.args and process.args hold the argv that was executed", async () => {
    const command = ctx.program("out", "a b", "err", "");
    const array = await ctx.runProcess(command);
    expect(array.args).toEqual(command);
    expect(array.stdout).toBe("a b");
    const proc = await ctx.openProcess(ctx.program("out", "-a", "argv", ""), { stdin: "ignore", stderr: "ignore" });
    try {
      expect(proc.args).toEqual(ctx.program("out", "-a", "argv", ""));
      expect(await text(proc.stdout!)).toBe(`-a${printed([""])}`);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run("openProcess passes array argv byte-exact too", async () => {
    const proc = await ctx.openProcess(ctx.program("argv", ...TRICKY), { stdin: "ignore" });
    try {
      const [out] = await Promise.all([text(proc.stdout!), proc.wait()]);
      expect(out).toBe(printed(TRICKY));
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  shell("a relative ./script path is resolved against cwd", async () => {
    const dir = await scratchDir("anyproc-command");
    try {
      await makeDir(`${dir}/bin`);
      await makeFile(`${dir}/bin/anyproc-rel.sh`, '#!/bin/sh\nprintf "ran:%s" "$1"\n', 0o755);
      const direct = await ctx.runProcess(["./anyproc-rel.sh", "a b"], { cwd: `${dir}/bin` });
      expect(direct.stdout).toBe("ran:a b");
      const nested = await ctx.runProcess(["./bin/anyproc-rel.sh", "$x"], { cwd: dir });
      expect(nested.stdout).toBe("ran:$x");
    } finally {
      await removeDir(dir);
    }
  });

  shell("a bare command name is looked up on PATH", async () => {
    const result = await ctx.runProcess(["sh", "-c", 'command -v sh >/dev/null && echo "$0"', "via-path"]);
    expect(result.stdout).toBe("via-path\n");
  });
}
