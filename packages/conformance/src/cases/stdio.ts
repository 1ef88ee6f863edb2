/**
 * stdio modes: the same defaults on every runtime (runProcess: stdin ignored, stdout/stderr piped;
 * openProcess: all three piped), "ignore"/"inherit" give empty output or null streams, and
 * `stderr: "stdout"` shares one pipe so the order of writes survives.
 */
import { text } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";

/** Program steps that write out1, err1, ... out5, err5 to stdout and stderr in turn, each with a newline. */
const INTERLEAVE = [1, 2, 3, 4, 5].flatMap((i) => ["out", `out${i}\n`, "err", `err${i}\n`]);
const INTERLEAVED = "out1\nerr1\nout2\nerr2\nout3\nerr3\nout4\nerr4\nout5\nerr5\n";

export function stdioCases(ctx: Context): void {
  const run = ctx.when("programs");

  ctx.when("scripts")('stderr: "stdout" with stdout "inherit" sends both, in order, to the caller\'s stdout', async () => {
    const caller = ctx.caller("inherit-caller.mjs");
    const result = await ctx.runProcess(caller, { timeout: 15_000 });
    expect(result.stdout).toBe("out1\nerr1\nout2\nerr2\n");
    expect(result.stderr).toBe("");
  });

  run("runProcess ignores stdin by default, so a reader of stdin sees EOF at once", async () => {
    const cat = await ctx.runProcess(ctx.program("cat"), { timeout: 4000 });
    expect(cat.stdout).toBe("");
    expect(cat.exitCode).toBe(0);
  });

  run("runProcess pipes stdout and stderr separately by default", async () => {
    const result = await ctx.runProcess(ctx.program("out", "out", "err", "err", "out", "more"));
    expect(result.stdout).toBe("outmore");
    expect(result.stderr).toBe("err");
  });

  run('stdout and stderr "ignore" give "" (or an empty Uint8Array) and the child still runs', async () => {
    // The program fails (exit code 1) if a write to an ignored stream fails.
    const program = ctx.program("out", "out\n", "err", "err\n");
    const noOut = await ctx.runProcess(program, { stdout: "ignore" });
    expect(noOut.stdout).toBe("");
    expect(noOut.stderr).toBe("err\n");
    const noErr = await ctx.runProcess(program, { stderr: "ignore" });
    expect(noErr.stdout).toBe("out\n");
    expect(noErr.stderr).toBe("");
    const bytes = await ctx.runProcess(program, { stdout: "ignore", stderr: "ignore", encoding: "bytes" });
    expect(bytes.stdout).toBeInstanceOf(Uint8Array);
    expect(bytes.stdout).toHaveLength(0);
    expect(bytes.stderr).toBeInstanceOf(Uint8Array);
    expect(bytes.stderr).toHaveLength(0);
    expect(bytes.exitCode).toBe(0);
  });

  run('"inherit" connects the child to the host\'s streams and yields ""', async () => {
    // The child writes one short line to the test runner's own stdout and stderr; a write to a closed
    // descriptor would fail and exit non-zero.
    const result = await ctx.runProcess(ctx.program("out", "anyproc inherit\n", "err", "anyproc inherit\n"), {
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("");
  });

  run("openProcess pipes stdin, stdout and stderr by default", async () => {
    const proc = await ctx.openProcess(ctx.program("cat", "err", "done\n"), { timeout: 4000 });
    try {
      expect(proc.stdin).toBeInstanceOf(WritableStream);
      expect(proc.stdout).toBeInstanceOf(ReadableStream);
      expect(proc.stderr).toBeInstanceOf(ReadableStream);
      const writer = proc.stdin!.getWriter();
      await writer.write(new TextEncoder().encode("ping\n"));
      await writer.close();
      const [out, err, status] = await Promise.all([text(proc.stdout!), text(proc.stderr!), proc.wait()]);
      expect(out).toBe("ping\n");
      expect(err).toBe("done\n");
      expect(status).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  it('openProcess gives null streams for "ignore" and "inherit"', async () => {
    for (const mode of ["ignore", "inherit"] as const) {
      const proc = await ctx.openProcess("exit 0", { stdin: mode, stdout: mode, stderr: mode });
      try {
        expect(proc.stdin).toBeNull();
        expect(proc.stdout).toBeNull();
        expect(proc.stderr).toBeNull();
        expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      } finally {
        await proc[Symbol.asyncDispose]();
      }
    }
  });

  run('openProcess with stdin "ignore" lets a reader of stdin see EOF at once', async () => {
    const proc = await ctx.openProcess(ctx.program("cat"), { stdin: "ignore", timeout: 4000 });
    try {
      const [out, status] = await Promise.all([text(proc.stdout!), proc.wait()]);
      expect(out).toBe("");
      expect(status).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run('stderr: "stdout" keeps the exact interleaving and leaves stderr empty', async () => {
    const result = await ctx.runProcess(ctx.program(...INTERLEAVE), { stderr: "stdout" });
    expect(result.stdout).toBe(INTERLEAVED);
    expect(result.stderr).toBe("");
    const bytes = await ctx.runProcess(ctx.program(...INTERLEAVE), { stderr: "stdout", encoding: "bytes" });
    expect(new TextDecoder().decode(bytes.stdout)).toBe(INTERLEAVED);
    expect(bytes.stderr).toBeInstanceOf(Uint8Array);
    expect(bytes.stderr).toHaveLength(0);
  });

  run('stderr: "stdout" keeps the order across many alternating writes', async () => {
    const expected = Array.from({ length: 200 }, (_, i) => `o${i}\ne${i}\n`).join("");
    const result = await ctx.runProcess(ctx.program("alternate", "200"), { stderr: "stdout" });
    expect(result.stdout).toBe(expected);
  });

  run('openProcess with stderr: "stdout" has a null stderr and the merged stream on stdout', async () => {
    const proc = await ctx.openProcess(ctx.program(...INTERLEAVE), { stdin: "ignore", stderr: "stdout" });
    try {
      expect(proc.stderr).toBeNull();
      const [out, status] = await Promise.all([text(proc.stdout!), proc.wait()]);
      expect(out).toBe(INTERLEAVED);
      expect(status).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });
}
