// Core policy over a fake adapter: escalation, abort, timeout and collection, with no real process.
import { describe, expect, it } from "vitest";
import type { ExitStatus, ProcessAdapter, SpawnedChild, SpawnRequest } from "../src/index.js";
import { CalledProcessError, MaxBufferError, openProcess, ProcessTimeoutError, runProcess, SpawnError } from "../src/index.js";
import type { Signal } from "../src/signals.js";

interface Fake extends SpawnedChild {
  signals: Array<[Signal, boolean]>;
  write(text: string): void;
  exit(status: ExitStatus): void;
}

/** A fake child that records signals; `ignore` lists signals it survives. */
function fakeAdapter(
  opts: { ignore?: Signal[]; onSpawn?: (child: Fake) => void; fail?: string; onCallerExit?: ProcessAdapter["onCallerExit"] } = {},
) {
  const spawned: SpawnRequest[] = [];
  const adapter: ProcessAdapter = {
    runtime: "fake",
    execPath: "/fake",
    pathKind: async () => "missing",
    onCallerExit: opts.onCallerExit,
    async spawn(request) {
      spawned.push(request);
      if (opts.fail) throw Object.assign(new Error("nope"), { code: opts.fail });
      let out!: ReadableStreamDefaultController<Uint8Array>;
      let resolveExit!: (s: ExitStatus) => void;
      const signals: Array<[Signal, boolean]> = [];
      let exited = false;
      const child: Fake = {
        pid: 4242,
        stdin: null,
        stdout: new ReadableStream({
          start: (c) => {
            out = c;
          },
        }),
        stderr: null,
        exited: new Promise((r) => (resolveExit = r)),
        signals,
        kill(signal, group) {
          signals.push([signal, group]);
          if (exited) return false;
          if (!(opts.ignore ?? []).includes(signal)) child.exit({ exitCode: null, signal });
          return true;
        },
        write: (t) => out.enqueue(new TextEncoder().encode(t)),
        exit(status) {
          if (exited) return;
          exited = true;
          out.close();
          resolveExit(status);
        },
      };
      opts.onSpawn?.(child);
      return child;
    },
  };
  return { adapter, spawned };
}

describe("termination policy", () => {
  it("times out with killSignal, escalates to SIGKILL after forceKillAfter, keeps partial output", async () => {
    let fake!: Fake;
    const { adapter } = fakeAdapter({
      ignore: ["SIGTERM"],
      onSpawn: (c) => {
        fake = c;
        c.write("partial");
      },
    });
    const error = await runProcess(adapter, "x", { timeout: 10, forceKillAfter: 20 }).catch((e) => e);
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    expect(error.stdout).toBe("partial");
    expect(error.signal).toBe("SIGKILL");
    expect(fake.signals).toEqual([
      ["SIGTERM", false],
      ["SIGKILL", false],
    ]);
  });

  it("killTree signals the group and sweeps it after the leader exits", async () => {
    let fake!: Fake;
    const { adapter, spawned } = fakeAdapter({ onSpawn: (c) => (fake = c) });
    await expect(runProcess(adapter, "x", { timeout: 5, killTree: true })).rejects.toBeInstanceOf(ProcessTimeoutError);
    expect(spawned[0]?.detached).toBe(true);
    expect(fake.signals).toEqual([
      ["SIGTERM", true],
      ["SIGKILL", true],
    ]);
  });

  it("killTree with a process table signals every descendant, remembers them, and does not detach", async () => {
    let fake!: Fake;
    const { adapter, spawned } = fakeAdapter({ onSpawn: (c) => (fake = c) });
    // 4242 (the child) -> 5000 -> 5001; 6000 is unrelated. After the first signal 5000 dies and 5001 is re-parented to 1.
    const tables = ["4242 1 1\n5000 4242 1\n5001 5000 1\n6000 1 1\n", "5001 1 1\n6000 1 1\n"];
    let reads = 0;
    const sent: Array<[number, Signal]> = [];
    const treeAdapter: ProcessAdapter = {
      ...adapter,
      processTable: () => tables[Math.min(reads++, tables.length - 1)] as string,
      signalProcess: (pid, signal) => {
        sent.push([pid, signal]);
        return true;
      },
    };
    await expect(runProcess(treeAdapter, "x", { timeout: 5, killTree: true })).rejects.toBeInstanceOf(ProcessTimeoutError);
    expect(spawned[0]?.detached).toBe(false);
    expect(fake.signals).toEqual([["SIGTERM", false]]);
    expect(sent).toEqual([
      [5000, "SIGTERM"],
      [5001, "SIGTERM"],
      [5001, "SIGKILL"],
    ]);
  });

  it("abort rejects with the exact reason; a pre-aborted signal spawns nothing", async () => {
    const reason = new Error("stop");
    const controller = new AbortController();
    const { adapter, spawned } = fakeAdapter({ onSpawn: () => queueMicrotask(() => controller.abort(reason)) });
    await expect(runProcess(adapter, "x", { signal: controller.signal })).rejects.toBe(reason);
    expect(spawned).toHaveLength(1);
    await expect(runProcess(adapter, "x", { signal: controller.signal })).rejects.toBe(reason);
    expect(spawned).toHaveLength(1);
  });

  it("maxBuffer stops the child and truncates to exactly maxBuffer bytes", async () => {
    const { adapter } = fakeAdapter({ onSpawn: (c) => c.write("0123456789") });
    const error = await runProcess(adapter, "x", { maxBuffer: 4 }).catch((e) => e);
    expect(error).toBeInstanceOf(MaxBufferError);
    expect(error).toMatchObject({ stream: "stdout", maxBuffer: 4, stdout: "0123", signal: "SIGTERM" });
  });

  it("check turns a non-zero exit into CalledProcessError; check:false resolves", async () => {
    const { adapter } = fakeAdapter({ onSpawn: (c) => setTimeout(() => c.exit({ exitCode: 3, signal: null }), 1) });
    await expect(runProcess(adapter, "x")).rejects.toBeInstanceOf(CalledProcessError);
    await expect(runProcess(adapter, "x", { check: false })).resolves.toMatchObject({ exitCode: 3, signal: null });
  });

  it("an ENOENT with a missing cwd names the cwd", async () => {
    const { adapter } = fakeAdapter({ fail: "ENOENT" });
    const error = await runProcess(adapter, ["tool"], { cwd: "/no/such" }).catch((e) => e);
    expect(error).toBeInstanceOf(SpawnError);
    expect(error.message).toContain('the cwd "/no/such" does not exist');
    expect(error.code).toBe("ENOENT");
  });

  it("signalling after exit returns false without asking the adapter", async () => {
    let fake!: Fake;
    const { adapter } = fakeAdapter({ onSpawn: (c) => (fake = c) });
    const proc = await openProcess(adapter, "x");
    fake.exit({ exitCode: 0, signal: null });
    await proc.wait();
    expect(proc.kill()).toBe(false);
    expect(fake.signals).toEqual([]);
    expect(() => proc.sendSignal("SIGNOPE" as Signal)).toThrow(TypeError);
  });

  it("cleanup installs one exit hook while children run, kills them when it fires, and removes it after", async () => {
    const hooks: Array<() => void> = [];
    let removed = 0;
    const fakes: Fake[] = [];
    const { adapter } = fakeAdapter({
      onSpawn: (c) => fakes.push(c),
      onCallerExit: (hook) => {
        hooks.push(hook);
        return () => removed++;
      },
    });
    const first = await openProcess(adapter, "x");
    const second = await openProcess(adapter, "y", { killSignal: "SIGHUP" });
    await openProcess(adapter, "z", { cleanup: false }).then((p) => p.kill());
    expect(hooks).toHaveLength(1);
    fakes[0]?.exit({ exitCode: 0, signal: null });
    await first.wait();
    expect(removed).toBe(0);
    hooks[0]?.();
    expect(fakes[1]?.signals).toEqual([["SIGHUP", false]]);
    await second.wait();
    const third = await openProcess(adapter, "w");
    expect(hooks).toHaveLength(2);
    fakes[3]?.exit({ exitCode: 0, signal: null });
    await third.wait();
    expect(removed).toBe(1);
  });
});
