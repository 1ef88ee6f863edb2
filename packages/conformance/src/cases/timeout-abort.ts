/**
 * Timeout and abort, applied by core the same way on every runtime: a timeout rejects with
 * `ProcessTimeoutError` (partial output kept), an abort rejects with exactly `signal.reason` as `fetch` does,
 * an already-aborted signal spawns nothing, `killSignal` is honoured and a child that ignores it is
 * SIGKILLed after `forceKillAfter`. Where the platform has no signals, a child anyproc ends reports the
 * signal anyproc sent, so only the cases about a child that ignores or sees a signal need `signals`.
 */
import { ProcessError, ProcessTimeoutError } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { exists, readUntil, rejection, removeDir, scratchDir } from "../_fixtures.js";

/** A shell that ignores SIGTERM (inherited by the exec'd sleep) and says so once it does. */
const IGNORES_TERM = "trap '' TERM; echo ready; exec sleep 30";

export function timeoutAbortCases(ctx: Context): void {
  const signals = ctx.when("signals");
  const run = ctx.when("programs");
  const sleeper = () => ctx.program("sleep", "30000");

  run("a timeout rejects with ProcessTimeoutError carrying the partial output", async () => {
    // Room for the runtime to start and write on a busy machine before the timeout.
    const error = await rejection(ctx.runProcess(ctx.program("out", "partial\n", "err", "oops\n", "sleep", "30000"), { timeout: 1000 }));
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    expect(error).toBeInstanceOf(ProcessError);
    const timedOut = error as ProcessTimeoutError;
    expect(timedOut.timeout).toBe(1000);
    expect(timedOut.stdout).toBe("partial\n");
    expect(timedOut.stderr).toBe("oops\n");
    expect(timedOut.signal).toBe("SIGTERM");
    expect(timedOut.exitCode).toBeNull();
    expect(timedOut.message).toContain("1000");
  });

  run('killSignal: "SIGKILL" is sent on timeout', async () => {
    const error = await rejection(ctx.runProcess(sleeper(), { timeout: 200, killSignal: "SIGKILL" }));
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    expect((error as ProcessTimeoutError).signal).toBe("SIGKILL");
  });

  signals("a child that ignores SIGTERM is SIGKILLed forceKillAfter after a timeout", async () => {
    const began = Date.now();
    const error = await rejection(ctx.runProcess(ctx.sh(IGNORES_TERM), { timeout: 1000, forceKillAfter: 300 }));
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    const timedOut = error as ProcessTimeoutError;
    expect(timedOut.stdout).toBe("ready\n");
    expect(timedOut.signal).toBe("SIGKILL");
    // Well under the default forceKillAfter of 5000 ms: the option was honoured.
    expect(Date.now() - began).toBeLessThan(4500);
  });

  signals("a child that ignores SIGTERM is SIGKILLed forceKillAfter after an abort", async () => {
    const controller = new AbortController();
    const proc = await ctx.openProcess(ctx.sh(IGNORES_TERM), { signal: controller.signal, forceKillAfter: 300 });
    try {
      expect(await readUntil(proc.stdout!.getReader(), "ready\n")).toBe("ready\n");
      const reason = new Error("stop now");
      controller.abort(reason);
      expect(await rejection(proc.wait())).toBe(reason);
      expect(proc.signal).toBe("SIGKILL");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run("an abort during runProcess rejects with exactly signal.reason", async () => {
    const controller = new AbortController();
    const reason = new Error("custom abort reason");
    const running = ctx.runProcess(sleeper(), { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 100);
    expect(await rejection(running)).toBe(reason);
  });

  ctx.when("procfs")("an abort during runProcess leaves the child dead", async () => {
    const dir = await scratchDir("anyproc-abort");
    try {
      const pidFile = `${dir}/pid`;
      const controller = new AbortController();
      const running = ctx.runProcess(ctx.sh('echo $$ > "$1.tmp" && mv "$1.tmp" "$1" && exec sleep 30', pidFile), {
        signal: controller.signal,
      });
      const failed = rejection(running);
      expect(await ctx.eventually(() => exists(ctx, pidFile), 3000)).toBe(true);
      const pid = Number((await ctx.runProcess(["cat", pidFile])).stdout);
      expect(pid).toBeGreaterThan(0);
      const reason = new Error("abort with a running child");
      controller.abort(reason);
      expect(await failed).toBe(reason);
      expect(await ctx.eventually(async () => !(await ctx.alive(pid)), 3000)).toBe(true);
    } finally {
      await removeDir(dir);
    }
  });

  run("an abort without a reason rejects with the signal's default AbortError", async () => {
    const controller = new AbortController();
    const running = ctx.runProcess(sleeper(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(running);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe("AbortError");
  });

  run("an already-aborted signal rejects with its reason and spawns nothing", async () => {
    const dir = await scratchDir("anyproc-abort");
    try {
      const controller = new AbortController();
      const reason = new Error("aborted before the call");
      controller.abort(reason);
      const runMarker = `${dir}/run`;
      const openMarker = `${dir}/open`;
      expect(await rejection(ctx.runProcess(ctx.program("touch", runMarker), { signal: controller.signal }))).toBe(reason);
      expect(await rejection(ctx.openProcess(ctx.program("touch", openMarker), { signal: controller.signal }))).toBe(reason);
      await ctx.sleep(200);
      expect(await exists(ctx, runMarker)).toBe(false);
      expect(await exists(ctx, openMarker)).toBe(false);
    } finally {
      await removeDir(dir);
    }
  });

  run("AbortSignal.timeout() aborts the child with its TimeoutError reason", async () => {
    const signal = AbortSignal.timeout(200);
    const error = await rejection(ctx.runProcess(sleeper(), { signal }));
    expect(error).toBe(signal.reason);
    expect((error as Error).name).toBe("TimeoutError");
  });

  run("openProcess with a timeout: wait() rejects with runProcess's ProcessTimeoutError, with no output it did not collect", async () => {
    const proc = await ctx.openProcess(sleeper(), { timeout: 200, stderr: "ignore" });
    try {
      const error = await rejection(proc.wait());
      expect(error).toBeInstanceOf(ProcessTimeoutError);
      const timedOut = error as ProcessTimeoutError;
      expect(timedOut.timeout).toBe(200);
      expect(timedOut.signal).toBe("SIGTERM");
      expect(proc.signal).toBe("SIGTERM");
      expect([timedOut.stdout, timedOut.stderr]).toEqual([undefined, undefined]);
      const viaRun = await rejection(ctx.runProcess(sleeper(), { timeout: 200, stderr: "ignore" }));
      expect(timedOut.message).toBe((viaRun as Error).message);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run("openProcess with an abort: wait() rejects with the reason and the child is dead", async () => {
    const controller = new AbortController();
    const proc = await ctx.openProcess(sleeper(), { signal: controller.signal });
    try {
      const reason = new Error("abort an open process");
      controller.abort(reason);
      expect(await rejection(proc.wait())).toBe(reason);
      expect(proc.signal).toBe("SIGTERM");
      expect(proc.sendSignal("SIGKILL")).toBe(false);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  signals("killSignal is sent on abort too", async () => {
    const controller = new AbortController();
    const proc = await ctx.openProcess(["sleep", "30"], { signal: controller.signal, killSignal: "SIGUSR1" });
    try {
      controller.abort(new Error("abort with SIGUSR1"));
      await rejection(proc.wait());
      expect(proc.signal).toBe("SIGUSR1");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run("a timeout does not fire for a child that finishes first, and timeout 0 means none", async () => {
    const fast = await ctx.runProcess("echo fast", { timeout: 10_000 });
    expect(fast.stdout).toBe(ctx.echoed("fast"));
    expect(fast.exitCode).toBe(0);
    const none = await ctx.runProcess(ctx.program("sleep", "200", "out", "slow-enough\n"), { timeout: 0 });
    expect(none.stdout).toBe("slow-enough\n");
  });

  it("aborting after the process completed changes nothing", async () => {
    const controller = new AbortController();
    const result = await ctx.runProcess("echo done", { signal: controller.signal });
    const proc = await ctx.openProcess("exit 0", { signal: controller.signal });
    try {
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      controller.abort(new Error("too late"));
      await ctx.sleep(50);
      expect(result.stdout).toBe(ctx.echoed("done"));
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      expect(proc.exitCode).toBe(0);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });
}
