/**
 * Exit status: exactly one of `exitCode`/`signal` is non-null on every runtime. A plain `exit 137` is an exit
 * code (never a SIGKILL), and a signal death is a signal (never 128+N), whoever sent the signal. The string
 * command `exit N` means the same to `/bin/sh` and to `cmd.exe`, so the exit-code cases run on every platform.
 */
import { CalledProcessError, type ExitStatus } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";

/** Exactly one of the two fields is non-null, with the right type. */
function expectOneOf(status: ExitStatus): void {
  expect((status.exitCode === null) !== (status.signal === null)).toBe(true);
  if (status.exitCode !== null) expect(Number.isInteger(status.exitCode)).toBe(true);
  if (status.signal !== null) expect(status.signal).toMatch(/^SIG[A-Z0-9]+$/);
}

export function exitCases(ctx: Context): void {
  it("exit codes 0, 3 and 255 are reported as they are", async () => {
    for (const code of [0, 3, 255]) {
      const result = await ctx.runProcess(`exit ${code}`, { check: false });
      expect(result.exitCode).toBe(code);
      expect(result.signal).toBeNull();
    }
  });

  it("a plain exit 137 or 143 is an exit code, not a signal", async () => {
    for (const code of [137, 143]) {
      const result = await ctx.runProcess(`exit ${code}`, { check: false });
      expect(result.exitCode).toBe(code);
      expect(result.signal).toBeNull();
    }
  });

  ctx.when("signals")("a shell reporting its child's SIGKILL as 137 exits 137, signal null", async () => {
    const result = await ctx.runProcess(`sh -c 'kill -9 $$'; exit $?`, { check: false });
    expect(result.exitCode).toBe(137);
    expect(result.signal).toBeNull();
  });

  ctx.when("signals")("a child that kills itself with SIGKILL reports exitCode null, signal SIGKILL", async () => {
    const result = await ctx.runProcess("kill -9 $$", { check: false });
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGKILL");
  });

  ctx.when("signals")("a child that kills itself with SIGTERM reports signal SIGTERM", async () => {
    const result = await ctx.runProcess(ctx.sh("kill -TERM $$; sleep 5"), { check: false });
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGTERM");
  });

  // Where the platform has no signals, a child anyproc ended reports the signal anyproc sent: these two run there too.
  ctx.when("programs")("kill() from the parent reports SIGKILL on wait() and on the process", async () => {
    const proc = await ctx.openProcess(ctx.program("sleep", "30000"), { stdin: "ignore" });
    try {
      expect(proc.exitCode).toBeNull();
      expect(proc.signal).toBeNull();
      expect(proc.kill()).toBe(true);
      const status = await proc.wait();
      expect(status).toEqual({ exitCode: null, signal: "SIGKILL" });
      expect(proc.exitCode).toBeNull();
      expect(proc.signal).toBe("SIGKILL");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  ctx.when("programs")("terminate() from the parent reports SIGTERM", async () => {
    const proc = await ctx.openProcess(ctx.program("sleep", "30000"), { stdin: "ignore" });
    try {
      expect(proc.terminate()).toBe(true);
      expect(await proc.wait()).toEqual({ exitCode: null, signal: "SIGTERM" });
      expect(proc.signal).toBe("SIGTERM");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  ctx.when("signals")('sendSignal("SIGUSR1") from the parent reports SIGUSR1', async () => {
    const proc = await ctx.openProcess(["sleep", "30"], { stdin: "ignore" });
    try {
      expect(proc.sendSignal("SIGUSR1")).toBe(true);
      expect(await proc.wait()).toEqual({ exitCode: null, signal: "SIGUSR1" });
      expect(proc.exitCode).toBeNull();
      expect(proc.signal).toBe("SIGUSR1");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  it("a process that exits by itself sets exitCode and leaves signal null", async () => {
    const proc = await ctx.openProcess("exit 42", { stdin: "ignore" });
    try {
      expect(await proc.wait()).toEqual({ exitCode: 42, signal: null });
      expect(proc.exitCode).toBe(42);
      expect(proc.signal).toBeNull();
      expect(await proc.wait()).toEqual({ exitCode: 42, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  ctx.when("signals")("check: false resolves with the status instead of rejecting", async () => {
    const failed = await ctx.runProcess("echo partial; exit 9", { check: false });
    expect(failed.exitCode).toBe(9);
    expect(failed.stdout).toBe("partial\n");
    const killed = await ctx.runProcess("kill -9 $$", { check: false });
    expect(killed.signal).toBe("SIGKILL");
    const error = await ctx.runProcess("exit 9").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CalledProcessError);
    expect((error as CalledProcessError).exitCode).toBe(9);
  });

  ctx.when("signals")("exactly one of exitCode and signal is non-null in every outcome", async () => {
    const outcomes = await Promise.all([
      ctx.runProcess("true"),
      ctx.runProcess("exit 1", { check: false }),
      ctx.runProcess("exit 137", { check: false }),
      ctx.runProcess("kill -9 $$", { check: false }),
      ctx.runProcess("kill -TERM $$", { check: false }),
      ctx.runProcess("kill -USR1 $$", { check: false }),
    ]);
    for (const status of outcomes) expectOneOf(status);
    const proc = await ctx.openProcess(["sleep", "30"], { stdin: "ignore" });
    try {
      proc.kill();
      expectOneOf(await proc.wait());
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  ctx.when("programs")("durationMs is a positive number of milliseconds covering the child's run", async () => {
    const quick = await ctx.runProcess("exit 0");
    expect(typeof quick.durationMs).toBe("number");
    expect(Number.isFinite(quick.durationMs)).toBe(true);
    expect(quick.durationMs).toBeGreaterThan(0);
    const slow = await ctx.runProcess(ctx.program("sleep", "200"));
    expect(slow.durationMs).toBeGreaterThan(150);
  });
}
