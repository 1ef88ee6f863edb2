/**
 * Input: a string, bytes or a stream written to the child's stdin, which is then closed. A child that exits
 * without reading never crashes the host (EPIPE is not an error of runProcess), and a write to the stdin of
 * an exited child rejects with `BrokenPipeError` instead of vanishing or escaping as an unhandled rejection.
 */
import { BrokenPipeError, ProcessError, text } from "@anyproc/core";
import { expect } from "vitest";
import type { Context } from "../_context.js";
import { MiB, rejection } from "../_fixtures.js";

/** A stream that yields `chunks` one per pull, with a short pause between them. */
function chunked(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/**
 * Records unhandled rejections while `body` runs (and a little after), on whichever hook the runtime has:
 * `process.on("unhandledRejection")` (Node, Bun, Deno) or the web `unhandledrejection` event (Deno, Bun).
 */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const g = globalThis as {
    process?: { on?(e: string, f: (r: unknown) => void): void; off?(e: string, f: (r: unknown) => void): void };
    addEventListener?(e: string, f: (ev: { reason: unknown }) => void): void;
    removeEventListener?(e: string, f: (ev: { reason: unknown }) => void): void;
  };
  const onProcess = (reason: unknown) => void seen.push(reason);
  const onEvent = (event: { reason: unknown }) => void seen.push(event.reason);
  const useProcess = typeof g.process?.on === "function";
  if (useProcess) g.process!.on!("unhandledRejection", onProcess);
  else g.addEventListener?.("unhandledrejection", onEvent);
  try {
    await body();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    if (useProcess) g.process!.off?.("unhandledRejection", onProcess);
    else g.removeEventListener?.("unhandledrejection", onEvent);
  }
  return seen;
}

export function inputCases(ctx: Context): void {
  const it = ctx.when("programs");
  const cat = () => ctx.program("cat");
  it("a string input reaches stdin UTF-8 encoded, then stdin is closed", async () => {
    const input = "hello\nünï €😀 ≤ 你\nno newline at end";
    const result = await ctx.runProcess(cat(), { input, timeout: 4000 });
    expect(result.stdout).toBe(input);
    const count = await ctx.runProcess(ctx.program("count"), { input: "€", timeout: 4000 });
    expect(count.stdout).toBe("3");
  });

  it("a Uint8Array input with all 256 byte values arrives byte-exact", async () => {
    const input = new Uint8Array(256 * 4);
    for (let i = 0; i < input.length; i++) input[i] = i % 256;
    const result = await ctx.runProcess(cat(), { input, encoding: "bytes", timeout: 4000 });
    expect(result.stdout).toBeInstanceOf(Uint8Array);
    expect(Array.from(result.stdout)).toEqual(Array.from(input));
  });

  it("a ReadableStream input of several chunks arrives in order", async () => {
    const encoder = new TextEncoder();
    const parts = ["alpha ", "beta ", "γάμμα ", "😀", "", "\nlast"];
    const result = await ctx.runProcess(cat(), { input: chunked(parts.map((p) => encoder.encode(p))), timeout: 4000 });
    expect(result.stdout).toBe(parts.join(""));
  });

  it("a large ReadableStream input is streamed through without loss", async () => {
    const chunks = Array.from({ length: 64 }, (_, i) => new Uint8Array(64 * 1024).fill(i));
    const result = await ctx.runProcess(cat(), { input: chunked(chunks), encoding: "bytes" });
    expect(result.stdout).toHaveLength(64 * 64 * 1024);
    for (let i = 0; i < 64; i++) {
      expect(result.stdout[i * 64 * 1024]).toBe(i);
      expect(result.stdout[(i + 1) * 64 * 1024 - 1]).toBe(i);
    }
  });

  it("an empty input gives the child an immediate EOF", async () => {
    const result = await ctx.runProcess(ctx.program("cat", "out", "eof\n"), { input: "", timeout: 4000 });
    expect(result.stdout).toBe("eof\n");
    const bytes = await ctx.runProcess(cat(), { input: new Uint8Array(0), timeout: 4000 });
    expect(bytes.stdout).toBe("");
  });

  it("10 MiB of input into a child that exits early resolves with the child's real exit code", async () => {
    const seen = await unhandledDuring(async () => {
      const big = new Uint8Array(10 * MiB).fill(120);
      const head = await ctx.runProcess(ctx.program("head", "10"), { input: big });
      expect(head.exitCode).toBe(0);
      expect(head.stdout).toBe("x".repeat(10));
      const none = await ctx.runProcess("exit 0", { input: big });
      expect(none.exitCode).toBe(0);
      const failing = await ctx.runProcess(ctx.program("head", "3", "exit", "7"), { input: big, check: false });
      expect(failing.exitCode).toBe(7);
      expect(failing.signal).toBeNull();
      const text10 = await ctx.runProcess("exit 0", { input: "y".repeat(10 * MiB) });
      expect(text10.exitCode).toBe(0);
    });
    expect(seen).toEqual([]);
  });

  it("an endless input stream into a child that exits early is cancelled", async () => {
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024).fill(97));
      },
      cancel() {
        cancelled = true;
      },
    });
    const result = await ctx.runProcess(ctx.program("head", "5"), { input: endless });
    expect(result.stdout).toBe("aaaaa");
    expect(result.exitCode).toBe(0);
    expect(await ctx.eventually(() => cancelled, 3000)).toBe(true);
  });

  it('input with stdin other than "pipe" is a TypeError and spawns nothing', async () => {
    for (const stdin of ["ignore", "inherit"] as const) {
      const error = await rejection(ctx.runProcess(cat(), { input: "x", stdin }));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toContain(stdin);
    }
    const piped = await ctx.runProcess(cat(), { input: "ok", stdin: "pipe" });
    expect(piped.stdout).toBe("ok");
  });

  it("a write to the stdin of an exited child rejects with BrokenPipeError", async () => {
    const seen = await unhandledDuring(async () => {
      const proc = await ctx.openProcess("exit 0", { stdout: "ignore", stderr: "ignore" });
      try {
        expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
        const writer = proc.stdin!.getWriter();
        const error = await rejection(writer.write(new TextEncoder().encode("too late\n")));
        expect(error).toBeInstanceOf(BrokenPipeError);
        expect(error).toBeInstanceOf(ProcessError);
        expect((error as BrokenPipeError).name).toBe("BrokenPipeError");
        expect((error as BrokenPipeError).code).toBe("EPIPE");
        writer.releaseLock();
      } finally {
        await proc[Symbol.asyncDispose]();
      }
    });
    expect(seen).toEqual([]);
  });

  it("writing more than a child reads before it exits rejects with BrokenPipeError, not a crash", async () => {
    const seen = await unhandledDuring(async () => {
      const proc = await ctx.openProcess(ctx.program("head", "1"), { stderr: "ignore" });
      try {
        const writer = proc.stdin!.getWriter();
        const [error, out, status] = await Promise.all([
          rejection(writer.write(new Uint8Array(10 * MiB).fill(122))),
          text(proc.stdout!),
          proc.wait(),
        ]);
        expect(error).toBeInstanceOf(BrokenPipeError);
        expect(out).toBe("z");
        expect(status).toEqual({ exitCode: 0, signal: null });
        writer.releaseLock();
      } finally {
        await proc[Symbol.asyncDispose]();
      }
    });
    expect(seen).toEqual([]);
  });

  it("openProcess stdin can be written in several chunks and closed to signal EOF", async () => {
    const proc = await ctx.openProcess(ctx.program("count", "out", "\neof\n"), { stderr: "ignore", timeout: 4000 });
    try {
      const writer = proc.stdin!.getWriter();
      const encoder = new TextEncoder();
      for (const part of ["one ", "two ", "three"]) await writer.write(encoder.encode(part));
      await writer.close();
      const [out, status] = await Promise.all([text(proc.stdout!), proc.wait()]);
      expect(out).toBe("13\neof\n");
      expect(status.exitCode).toBe(0);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });
}
