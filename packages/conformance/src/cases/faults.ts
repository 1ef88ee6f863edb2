/**
 * Fault injection: children that die by each common signal, close stdout early, never read stdin, keep
 * writing after the caller stopped reading, exec into another program, or fill the pipe and block. Each
 * has one expected outcome, the same on every runtime, and nothing hangs past its bound.
 */
import { expect } from "vitest";
import type { Context } from "../_context.js";

const FATAL = [
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGABRT",
  "SIGSEGV",
  "SIGPIPE",
  "SIGALRM",
  "SIGUSR1",
  "SIGUSR2",
  "SIGTERM",
  "SIGKILL",
] as const;

export function faultCases(ctx: Context): void {
  const signals = ctx.when("signals");
  const run = ctx.when("programs");

  signals("a child that dies by any common fatal signal reports that signal and no exit code", async () => {
    for (const signal of FATAL) {
      // exec: the signal kills the program itself, not a shell that would turn it into an exit status.
      const result = await ctx.runProcess(ctx.sh(`kill -${signal.slice(3)} $$; exec sleep 5`), { check: false, timeout: 4000 });
      expect({ signal, status: [result.exitCode, result.signal] }).toEqual({ signal, status: [null, signal] });
    }
  });

  run("a child that closes stdout early and runs on is waited for, with what it wrote before", async () => {
    const result = await ctx.runProcess(ctx.program("out", "early", "close-stdout", "sleep", "300", "err", "late\n", "exit", "4"), {
      check: false,
      timeout: 4000,
    });
    expect(result).toMatchObject({ stdout: "early", stderr: "late\n", exitCode: 4, signal: null });
  });

  run("a child that never reads its stdin still exits, and the unread input is not an error", async () => {
    const result = await ctx.runProcess(ctx.program("sleep", "100", "out", "done\n"), {
      input: new Uint8Array(8 * 1024 * 1024),
      timeout: 4000,
    });
    expect(result).toMatchObject({ stdout: "done\n", exitCode: 0 });
  });

  run("a child writing after the caller stopped reading ends with a broken pipe, and the caller carries on", async () => {
    const proc = await ctx.openProcess(ctx.program("yes", "out", "y"), { stdin: "ignore", stderr: "ignore", timeout: 4000 });
    try {
      const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      await reader.cancel();
      const status = await proc.wait();
      // Node and Bun pipe through socket pairs, Deno through pipes: the child sees either SIGPIPE or a
      // failed write (EPIPE/ECONNRESET, or a broken pipe on Windows) it reports with a non-zero exit. Both end
      // it; neither reaches the caller.
      const brokenPipe = status.signal === "SIGPIPE" || (status.exitCode !== null && status.exitCode !== 0);
      expect({ status, brokenPipe }).toEqual({ status, brokenPipe: true });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  ctx.when("posixShell")("a child that execs into another program is still the same process to the caller", async () => {
    const proc = await ctx.openProcess(ctx.sh('echo "$$"; exec sh -c \'echo "$$"; exit 6\''), { stdin: "ignore" });
    try {
      const output = await new Response(proc.stdout).text();
      expect(output.trim().split("\n").map(Number)).toEqual([proc.pid, proc.pid]);
      expect(await proc.wait()).toEqual({ exitCode: 6, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run("a child that fills the pipe and blocks is ended by a timeout, with the output read so far", async () => {
    const result = await ctx
      .runProcess(ctx.program("fill", "out", "65536", "00", "sleep", "30000"), {
        encoding: "bytes",
        timeout: 1000, // room for the runtime to start on a busy machine
      })
      .catch((error: unknown) => error as { stdout: Uint8Array; signal: string });
    expect(result.stdout.byteLength).toBe(65536);
    expect(result.signal).toBe("SIGTERM");
  });

  run("a child that fills stdout and stderr while nobody reads is disposed without a deadlock", async () => {
    const proc = await ctx.openProcess(ctx.program("yes", "both", "x"), { stdin: "ignore", killTree: true, forceKillAfter: 300 });
    await ctx.sleep(100);
    await proc[Symbol.asyncDispose]();
    expect(proc.signal).not.toBeNull();
  });
}
