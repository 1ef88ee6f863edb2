/**
 * Batch files (Windows): a `.cmd` or `.bat` file given as an argv array runs through `cmd.exe`, and every argument
 * reaches the program the script passes `%*` on to byte for byte, through a script called by its path and through
 * npm's and pnpm's `node_modules\.bin` shims found by bare name on PATH. The program is the suite's portable one,
 * which prints back the arguments after its `argv` step; `cmd.exe` parses each argument twice on the way, on its
 * command line and in the script's line once `%*` is put in.
 */
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "@anyproc/core";
import { expect } from "vitest";
import type { Context } from "../_context.js";
import { exists, inScratch, makeDir, makeFile, rejection } from "../_fixtures.js";

/**
 * Arguments `cmd.exe` would take for its own syntax: its operators, quotes and escapes, `!` (delayed expansion),
 * the separators of a batch file's arguments, backslashes before a quote or at the end, an empty one, UTF-8.
 */
const SPECIAL = [
  "a b",
  '"',
  "!",
  "!PATH!",
  "^",
  "^^",
  "&",
  "|",
  "<",
  ">",
  "(",
  ")",
  "",
  "trailing\\",
  'back\\"quote',
  '"a&b"',
  '\\"&echo injected',
  "x=1,y;z",
  "*?",
  "  padded  ",
  "tab\there",
  "é ☃",
];

/** Arguments with `%`, which `cmd.exe` expands inside quotes too. */
const PERCENT = ["%", "%PATH%", "100%", "%%", "%cd:~,%", "%~dp0", "%1"];

/** What the program's `argv` step prints for `args`: their number, then each, each followed by a NUL. */
const printed = (args: readonly string[]) => new TextEncoder().encode([String(args.length), ...args].map((a) => `${a}\0`).join(""));

/** `word` as a batch file's line holds it literally: in double quotes, each `%` doubled. */
const literal = (word: string) => `"${word.replaceAll("%", "%%")}"`;

/** The caller's `process.env`, which Node, Bun and Deno 2 all provide as a global. */
const callerEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

/** The caller's PATH, whatever the case of its name (Windows matches names without regard to case). */
const callerPath = () => Object.entries(callerEnv).find(([name]) => name.toUpperCase() === "PATH")?.[1];

/** Lines of a batch file, each ended with CRLF as `cmd.exe` expects. */
const lines = (...text: string[]) => text.map((line) => `${line}\r\n`).join("");

export function batchFileCases(ctx: Context): void {
  const it = ctx.caps.programs ? ctx.when("batchFiles") : ctx.when("programs");

  /** The portable program as the words of a batch file's line: the runtime, its flags and `script` (the program). */
  const runtimeWords = (script: string, target: string) =>
    ctx.adapter.scripts!.argv(script).map((word) => (word === script ? target : literal(word)));

  /** Writes `name` in `dir`: a script that runs the portable program with its own arguments (`%*`). */
  const plainScript = async (dir: string, name: string) => {
    const program = join(dir, "program.mjs");
    await copyFile(ctx.fixture("program.mjs"), program);
    const path = join(dir, name);
    await makeFile(path, lines(`@${runtimeWords(program, literal(program)).join(" ")} %*`));
    return path;
  };

  /**
   * Makes `dir\node_modules\anyproc-conformance\program.mjs` and the shim `write` makes for it, given the shim's
   * words for the runtime (its path first) and the program's path from the shim's folder, in
   * `dir\node_modules\.bin\anyproc-conformance-argv.cmd`; returns the env that puts that folder first on PATH.
   */
  const shim = async (dir: string, write: (runtime: string, flags: string, target: string) => string) => {
    const bin = join(dir, "node_modules", ".bin");
    const pkg = join(dir, "node_modules", "anyproc-conformance");
    await makeDir(bin);
    await makeDir(pkg);
    const program = join(pkg, "program.mjs");
    await copyFile(ctx.fixture("program.mjs"), program);
    const [runtime = "", ...words] = ctx.adapter.scripts!.argv(program);
    const flags = words.filter((word) => word !== program).map(literal);
    await makeFile(
      join(bin, "anyproc-conformance-argv.cmd"),
      write(runtime.replaceAll("%", "%%"), flags.join(" "), "\\..\\anyproc-conformance\\program.mjs"),
    );
    return { PATH: [bin, callerPath()].filter((part) => part !== undefined).join(";") };
  };

  /** Runs `command` and expects the portable program to print back `args` byte for byte. */
  const expectArgs = async (command: Command, args: readonly string[], env?: Record<string, string>) => {
    const result = await ctx.runProcess(command, { encoding: "bytes", env });
    expect(Array.from(result.stdout)).toEqual(Array.from(printed(args)));
  };

  it("a .cmd file called by its path passes every argument to the program it runs with %*, byte for byte", async () => {
    await inScratch("anyproc-batch", async (dir) => {
      await expectArgs([await plainScript(dir, "argv.cmd"), "argv", ...SPECIAL], SPECIAL);
    });
  });

  it("a .bat file called by its path passes every argument to the program it runs with %*, byte for byte", async () => {
    await inScratch("anyproc-batch", async (dir) => {
      await expectArgs([await plainScript(dir, "argv.bat"), "argv", ...SPECIAL], SPECIAL);
    });
  });

  it("% and %NAME% reach the program a batch file runs unexpanded", async () => {
    await inScratch("anyproc-batch", async (dir) => {
      await expectArgs([await plainScript(dir, "argv.cmd"), "argv", ...PERCENT], PERCENT);
    });
  });

  it("npm's node_modules\\.bin shim, found by bare name on PATH, passes every argument on byte for byte", async () => {
    await inScratch("anyproc-batch", async (dir) => {
      // As npm's cmd-shim 8 writes it for a script whose first line is `#!/usr/bin/env node`.
      const env = await shim(dir, (runtime, flags, target) =>
        lines(
          "@ECHO off",
          "GOTO start",
          ":find_dp0",
          "SET dp0=%~dp0",
          "EXIT /b",
          ":start",
          "SETLOCAL",
          "CALL :find_dp0",
          "",
          'IF EXIST "%dp0%\\node.exe" (',
          '  SET "_prog=%dp0%\\node.exe"',
          ") ELSE (",
          `  SET "_prog=${runtime}"`,
          "  SET PATHEXT=%PATHEXT:;.JS;=;%",
          ")",
          "",
          `endLocal & goto #_undefined_# 2>NUL || title %COMSPEC% & "%_prog%" ${flags} "%dp0%${target}" %*`,
        ),
      );
      await expectArgs(["anyproc-conformance-argv", "argv", ...SPECIAL], SPECIAL, env);
    });
  });

  it("pnpm's node_modules\\.bin shim, found by bare name on PATH, passes every argument on byte for byte", async () => {
    await inScratch("anyproc-batch", async (dir) => {
      // As pnpm's @zkochan/cmd-shim writes it for a script whose first line is `#!/usr/bin/env node`.
      const env = await shim(dir, (runtime, flags, target) =>
        lines(
          "@SETLOCAL",
          "@IF NOT DEFINED NODE_PATH (",
          '  @SET "NODE_PATH=%~dp0\\..\\anyproc-conformance\\node_modules"',
          ") ELSE (",
          '  @SET "NODE_PATH=%~dp0\\..\\anyproc-conformance\\node_modules;%NODE_PATH%"',
          ")",
          '@IF EXIST "%~dp0\\node.exe" (',
          `  "%~dp0\\node.exe" ${flags} "%~dp0${target}" %*`,
          ") ELSE (",
          "  @SET PATHEXT=%PATHEXT:;.JS;=;%",
          `  "${runtime}" ${flags} "%~dp0${target}" %*`,
          ")",
        ),
      );
      await expectArgs(["anyproc-conformance-argv", "argv", ...SPECIAL], SPECIAL, env);
    });
  });

  it("an argument with a line break to a batch file is a TypeError naming it, and nothing is spawned", async () => {
    await inScratch("anyproc-batch", async (dir) => {
      const script = await plainScript(dir, "argv.cmd");
      const marker = join(dir, "spawned");
      for (const arg of ["two\nlines", "carriage\rreturn", "crlf\r\n"]) {
        const command = [script, "touch", marker, "argv", arg];
        // One call at a time: a second call started before the first is awaited would reject with no handler
        // yet, which Bun reports as an unhandled rejection that fails the case.
        for (const call of [() => ctx.runProcess(command), () => ctx.openProcess(command)]) {
          const error = await rejection(call());
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).message).toContain("line break");
          expect((error as Error).message).toContain(JSON.stringify(arg));
        }
      }
      await ctx.sleep(150);
      expect(await exists(ctx, marker)).toBe(false);
    });
  });
}
