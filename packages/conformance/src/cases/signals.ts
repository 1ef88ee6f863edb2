/**
 * Signals: `sendSignal`/`terminate`/`kill` return true while the child runs and the child sees the signal;
 * once it has exited they return false and never throw (Deno's native kill throws there); an unknown
 * signal name is a TypeError; `exitCode`/`signal` are null while running and normalised after.
 */
import type { Signal } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { readUntil } from "../_fixtures.js";

/** A shell that reacts to a trapped signal between short sleeps (a trap runs only between commands). */
const TRAP_USR1 = "trap 'echo got-usr1; exit 0' USR1; echo ready; while :; do sleep 0.05; done";

export function signalCases(ctx: Context): void {
  const signals = ctx.when("signals");

  signals("sendSignal returns true while running and the child receives the signal", async () => {
    const proc = await ctx.openProcess(ctx.sh(TRAP_USR1), { stdin: "ignore" });
    try {
      const reader = proc.stdout!.getReader();
      expect(await readUntil(reader, "ready\n")).toBe("ready\n");
      expect(proc.sendSignal("SIGUSR1")).toBe(true);
      expect(await readUntil(reader, "got-usr1\n")).toBe("got-usr1\n");
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  signals('terminate() ends the child with "SIGTERM"', async () => {
    const proc = await ctx.openProcess(["sleep", "30"]);
    try {
      expect(proc.terminate()).toBe(true);
      expect(await proc.wait()).toEqual({ exitCode: null, signal: "SIGTERM" });
      expect(proc.signal).toBe("SIGTERM");
      expect(proc.exitCode).toBeNull();
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  signals('kill() ends the child with "SIGKILL"', async () => {
    const proc = await ctx.openProcess(["sleep", "30"]);
    try {
      expect(proc.kill()).toBe(true);
      expect(await proc.wait()).toEqual({ exitCode: null, signal: "SIGKILL" });
      expect(proc.signal).toBe("SIGKILL");
      expect(proc.exitCode).toBeNull();
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  signals("an untrapped signal is reported by name as the cause of death", async () => {
    const proc = await ctx.openProcess(["sleep", "30"]);
    try {
      expect(proc.sendSignal("SIGUSR2")).toBe(true);
      expect(await proc.wait()).toEqual({ exitCode: null, signal: "SIGUSR2" });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  signals("a child that traps SIGTERM and exits 7 reports exit code 7, not a signal", async () => {
    const proc = await ctx.openProcess(ctx.sh("trap 'exit 7' TERM; echo ready; while :; do sleep 0.05; done"), {
      stdin: "ignore",
    });
    try {
      expect(await readUntil(proc.stdout!.getReader(), "ready\n")).toBe("ready\n");
      expect(proc.terminate()).toBe(true);
      expect(await proc.wait()).toEqual({ exitCode: 7, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  it("signalling a child that exited by itself returns false and never throws", async () => {
    const proc = await ctx.openProcess("exit 0");
    try {
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      expect(proc.sendSignal("SIGTERM")).toBe(false);
      expect(proc.sendSignal("SIGKILL")).toBe(false);
      expect(proc.terminate()).toBe(false);
      expect(proc.kill()).toBe(false);
      expect(proc.exitCode).toBe(0);
      expect(proc.signal).toBeNull();
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  signals("signalling a child that was killed returns false on every later call", async () => {
    const proc = await ctx.openProcess(["sleep", "30"]);
    try {
      expect(proc.kill()).toBe(true);
      await proc.wait();
      expect(proc.kill()).toBe(false);
      expect(proc.terminate()).toBe(false);
      expect(proc.sendSignal("SIGUSR1")).toBe(false);
      expect(proc.signal).toBe("SIGKILL");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  signals("an unknown signal name is a TypeError naming it, and nothing is signalled", async () => {
    const proc = await ctx.openProcess(["sleep", "30"]);
    try {
      for (const bad of ["SIGFOO", "", "TERM-ish"]) {
        expect(() => proc.sendSignal(bad as Signal)).toThrow(TypeError);
      }
      expect(() => proc.sendSignal("SIGFOO" as Signal)).toThrow(/SIGFOO/);
      expect(proc.exitCode).toBeNull();
      expect(proc.signal).toBeNull();
      expect(proc.kill()).toBe(true);
      expect(await proc.wait()).toEqual({ exitCode: null, signal: "SIGKILL" });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  ctx.when("programs")("exitCode and signal are null while running and set once the child exited", async () => {
    const proc = await ctx.openProcess(ctx.program("drain", "exit", "5"));
    try {
      expect(proc.exitCode).toBeNull();
      expect(proc.signal).toBeNull();
      await proc.stdin!.close();
      expect(await proc.wait()).toEqual({ exitCode: 5, signal: null });
      expect(proc.exitCode).toBe(5);
      expect(proc.signal).toBeNull();
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });
}
