/**
 * The `cleanup` option: children still running when the caller exits normally or is ended by SIGINT or
 * SIGTERM are terminated; `cleanup: false` and `detached` children outlive the caller. A signal the caller
 * handles itself does not end it, so its children stay (until it exits), and its handler runs once per
 * signal. Each case starts a fresh caller process of the adapter's runtime (fixtures/cleanup-caller.mjs),
 * which binds the `adapter` exported by the suite's `adapterModule`.
 */
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { readUntil } from "../_fixtures.js";

export function cleanupCases(ctx: Context): void {
  const caseIt = ctx.caps.procfs ? ctx.when("scripts") : ctx.when("procfs");
  const callerArgv = (mode: string) => ctx.caller("cleanup-caller.mjs", mode);
  const gone = (pid: number) => ctx.eventually(async () => !(await ctx.alive(pid)), 5000);
  const killPid = (pid: number) => ctx.runProcess(["kill", "-KILL", String(pid)], { check: false, stderr: "ignore" });

  caseIt("a child still running when the caller exits normally is terminated", async () => {
    const result = await ctx.runProcess(callerArgv("exit"), { timeout: 15_000 });
    expect(result.stdout).toMatch(/^\d+\n$/);
    const pid = Number(result.stdout);
    expect(result.exitCode).toBe(0);
    expect(await gone(pid)).toBe(true);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    (ctx.caps.signals ? caseIt : ctx.when("signals"))(
      `a caller ended by ${signal} terminates its children first and still dies by ${signal}`,
      async () => {
        const caller = await ctx.openProcess(callerArgv("signal"), { stdin: "ignore", stderr: "ignore", timeout: 15_000 });
        try {
          const reader = (caller.stdout as ReadableStream<Uint8Array>).getReader();
          const pid = Number((await readUntil(reader, "\n")).trim());
          reader.releaseLock();
          expect(await ctx.alive(pid)).toBe(true);
          expect(caller.sendSignal(signal)).toBe(true);
          expect(await caller.wait()).toEqual({ exitCode: null, signal });
          expect(await gone(pid)).toBe(true);
        } finally {
          await caller[Symbol.asyncDispose]();
        }
      },
    );
  }

  for (const [mode, title] of [
    ["no-cleanup", "with cleanup: false the child outlives its caller"],
    ["detached", "a detached child outlives its caller by default"],
  ] as const) {
    caseIt(title, async () => {
      const result = await ctx.runProcess(callerArgv(mode), { timeout: 15_000 });
      const pid = Number(result.stdout.trim());
      try {
        await ctx.sleep(200);
        expect(await ctx.alive(pid)).toBe(true);
      } finally {
        await killPid(pid);
      }
    });
  }

  /** Starts the caller in `mode`; returns it, its stdout reader and its child's pid. */
  const startCaller = async (mode: string) => {
    const caller = await ctx.openProcess(callerArgv(mode), { stdin: "pipe", stderr: "ignore", timeout: 15_000 });
    const reader = (caller.stdout as ReadableStream<Uint8Array>).getReader();
    const pid = Number((await readUntil(reader, "\n")).trim());
    return { caller, reader, pid };
  };

  for (const [mode, when] of [
    ["handle", "added before the child started"],
    ["handle-late", "added after the child started"],
  ] as const) {
    (ctx.caps.signals ? caseIt : ctx.when("signals"))(
      `a caller with its own SIGINT listener (${when}) keeps its children, runs the listener once, and cleans up when it exits`,
      async () => {
        const { caller, reader, pid } = await startCaller(mode);
        try {
          expect(pid).toBeGreaterThan(0);
          expect(await ctx.alive(pid)).toBe(true);
          expect(caller.sendSignal("SIGINT")).toBe(true);
          expect(await readUntil(reader, "\n")).toBe("handled 1\n");
          await ctx.sleep(300);
          expect(caller.exitCode).toBeNull();
          expect(await ctx.alive(pid)).toBe(true);
          await caller.stdin!.close();
          expect(await caller.wait()).toEqual({ exitCode: 0, signal: null });
          expect(await readUntil(reader, "\u0000")).toBe(""); // the listener ran exactly once
          expect(await gone(pid)).toBe(true);
        } finally {
          await caller[Symbol.asyncDispose]();
          if (pid > 0) await killPid(pid);
        }
      },
    );
  }

  (ctx.caps.signals ? caseIt : ctx.when("signals"))(
    'a caller whose SIGINT listener removes itself ("press Ctrl-C again") keeps its children, then the second SIGINT cleans up and ends it',
    async () => {
      const { caller, reader, pid } = await startCaller("again");
      try {
        expect(await ctx.alive(pid)).toBe(true);
        expect(caller.sendSignal("SIGINT")).toBe(true);
        expect(await readUntil(reader, "\n")).toBe("handled 1\n");
        await ctx.sleep(300);
        expect(caller.exitCode).toBeNull();
        expect(await ctx.alive(pid)).toBe(true);
        expect(caller.sendSignal("SIGINT")).toBe(true);
        expect(await caller.wait()).toEqual({ exitCode: null, signal: "SIGINT" });
        expect(await readUntil(reader, "\u0000")).toBe("");
        expect(await gone(pid)).toBe(true);
      } finally {
        await caller[Symbol.asyncDispose]();
        if (pid > 0) await killPid(pid);
      }
    },
  );

  it("cleanup must be a boolean", async () => {
    await expect(ctx.runProcess("true", { cleanup: "yes" as never })).rejects.toThrow(/`cleanup` must be a boolean, got "yes"/);
  });
}
