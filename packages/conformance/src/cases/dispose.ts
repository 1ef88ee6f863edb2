/**
 * Dispose (`proc[Symbol.asyncDispose]()`): closes stdin, terminates a running child with `killSignal`,
 * escalates to SIGKILL after `forceKillAfter`, waits, and releases the pipes. It never deadlocks on a child
 * blocked writing into a full pipe, ends a reader the caller still holds, and leaves no orphan. Where the
 * platform has no signals, a child anyproc ends reports the signal anyproc sent, so only the cases about a
 * child that ignores a signal, or about which signal it got, need `signals`.
 */
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { readUntil } from "../_fixtures.js";

/** How a promise settled, or "hang" when it did not in time. */
type Outcome<T> = { value: T } | { error: unknown } | "hang";

/** Resolves with `promise`'s outcome, or with "hang" when it has not settled after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<Outcome<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), ms)));
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A read that settled: done, or an error (a released pipe may report either), but never a hang or data. */
function expectEnded(outcome: Outcome<ReadableStreamReadResult<Uint8Array>>): void {
  expect(outcome === "hang").toBe(false);
  if (outcome !== "hang" && "value" in outcome) expect(outcome.value.done).toBe(true);
}

export function disposeCases(ctx: Context): void {
  const signals = ctx.when("signals");
  const run = ctx.when("programs");

  run("dispose terminates a running child with SIGTERM and resolves", async () => {
    const proc = await ctx.openProcess(ctx.program("sleep", "30000"));
    await proc[Symbol.asyncDispose]();
    expect(proc.signal).toBe("SIGTERM");
    expect(proc.exitCode).toBeNull();
  });

  run("dispose ends a pending wait() with the child's status", async () => {
    const proc = await ctx.openProcess(ctx.program("sleep", "30000"));
    const waiting = proc.wait();
    await proc[Symbol.asyncDispose]();
    const status = await waiting;
    expect(status.exitCode).toBeNull();
    expect(status.signal === null).toBe(false);
    expect(status).toEqual({ exitCode: proc.exitCode, signal: proc.signal });
  });

  run("dispose never deadlocks on a child blocked writing into a full pipe", async () => {
    const proc = await ctx.openProcess(ctx.program("yes", "out", "anyproc output nobody reads"));
    await ctx.sleep(200);
    expect(proc.exitCode).toBeNull();
    expect(proc.signal).toBeNull();
    const outcome = await within(proc[Symbol.asyncDispose](), 4000);
    expect(outcome).toEqual({ value: undefined });
    expect(proc.exitCode === null && proc.signal === null).toBe(false);
  });

  signals("dispose escalates to SIGKILL for a child that ignores SIGTERM", async () => {
    const proc = await ctx.openProcess(ctx.sh("trap '' TERM; echo ready; exec sleep 30"), { forceKillAfter: 300 });
    try {
      expect(await readUntil(proc.stdout!.getReader(), "ready\n")).toBe("ready\n");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
    expect(proc.signal).toBe("SIGKILL");
    if (ctx.caps.procfs) expect(await ctx.alive(proc.pid)).toBe(false);
  });

  signals("dispose sends killSignal", async () => {
    const proc = await ctx.openProcess(["sleep", "30"], { killSignal: "SIGUSR2", forceKillAfter: 3000 });
    await proc[Symbol.asyncDispose]();
    expect(proc.signal).toBe("SIGUSR2");
  });

  it("dispose after the child exited is a no-op, and so is a second dispose", async () => {
    const proc = await ctx.openProcess("exit 4");
    expect(await proc.wait()).toEqual({ exitCode: 4, signal: null });
    await proc[Symbol.asyncDispose]();
    await proc[Symbol.asyncDispose]();
    expect(proc.exitCode).toBe(4);
    expect(proc.signal).toBeNull();
    expect(await proc.wait()).toEqual({ exitCode: 4, signal: null });
  });

  signals("dispose closes stdin, so a child reading it sees EOF", async () => {
    // The child ignores SIGTERM: it can only end before forceKillAfter by seeing EOF on stdin.
    const proc = await ctx.openProcess(ctx.sh("trap '' TERM; echo ready; cat > /dev/null; exit 7"), {
      forceKillAfter: 3000,
    });
    try {
      expect(await readUntil(proc.stdout!.getReader(), "ready\n")).toBe("ready\n");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
    expect(proc.exitCode).toBe(7);
    expect(proc.signal).toBeNull();
  });

  run("after dispose stdout ends, for a reader taken before and for one taken after", async () => {
    const proc = await ctx.openProcess(ctx.program("out", "hello\n", "sleep", "30000"));
    const reader = proc.stdout!.getReader();
    expect(await readUntil(reader, "hello\n")).toBe("hello\n");
    const pending = reader.read();
    await proc[Symbol.asyncDispose]();
    expectEnded(await within(pending, 4000));
    expectEnded(await within(proc.stderr!.getReader().read(), 4000));
  });

  run("dispose releases stdout even while a grandchild still holds the pipe", async () => {
    const grandchild = JSON.stringify(ctx.program("sleep", "30000"));
    const proc = await ctx.openProcess(ctx.program("spawn", grandchild, "sleep", "30000"));
    let pid = 0;
    try {
      const reader = proc.stdout!.getReader();
      pid = Number.parseInt(await readUntil(reader, "\n"), 10);
      expect(pid).toBeGreaterThan(0);
      const pending = reader.read();
      expect(await within(proc[Symbol.asyncDispose](), 4000)).toEqual({ value: undefined });
      expectEnded(await within(pending, 4000));
    } finally {
      await proc[Symbol.asyncDispose]();
      if (pid > 0) ctx.killPid(pid);
    }
  });

  ctx.when("procfs")("dispose leaves no orphan: the child is gone once dispose resolves", async () => {
    const proc = await ctx.openProcess(ctx.sh("echo ready; exec sleep 30"));
    try {
      expect(await readUntil(proc.stdout!.getReader(), "ready\n")).toBe("ready\n");
      expect(await ctx.alive(proc.pid)).toBe(true);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
    expect(await ctx.alive(proc.pid)).toBe(false);
  });
}
