/**
 * Output: bytes kept byte-exact, text decoded with one streaming decoder per stream (a character split
 * across writes is never mangled), both streams drained at once, `maxBuffer` enforced exactly, and a
 * grandchild holding the pipe never delays the result while bytes already written are never lost.
 */
import { lines, MaxBufferError, ProcessError, text } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { MiB, rejection } from "../_fixtures.js";

/** Children the busy-loop case starts: 100 lanes of 4. */
const BUSY_SPAWNS = 400;

/**
 * The busy-loop case's own time limit: 200 ms a child. It takes about a second on Linux, but Wine creates a
 * process in about 70 ms that other creations do not overlap (400 runs of `cmd.exe /c echo`, 100 at a time,
 * take 27 s there through node:child_process alone, and the case 34 s), past a Windows lane's 10 s a case.
 * It still ends a case that hangs, and every other case keeps its lane's limit.
 */
const BUSY_LIMIT_MS = BUSY_SPAWNS * 200;

/** Every item of an async iterable. */
async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export function outputCases(ctx: Context): void {
  const run = ctx.when("programs");

  it(
    "output already written survives an event loop kept busy by many spawns while children exit",
    async () => {
      // 100 lanes of short children: each spawn takes the caller's loop for a while (on Node a spawn is
      // synchronous), so a child often exits long before the loop reads what it left in the pipe. Time
      // during which the loop could not read must never count as silence on the pipe. The children are
      // string commands both /bin/sh and cmd.exe run, and start in a millisecond where the runtime takes 50.
      let lost = 0;
      let checked = 0;
      const lane = async (n: number) => {
        for (let i = 0; i < 4; i++) {
          if ((n + i) % 2) {
            await ctx.runProcess("exit 0", { stdout: "ignore", stderr: "ignore" });
            continue;
          }
          const { stdout } = await ctx.runProcess(`echo lane${n}`);
          checked++;
          if (stdout !== ctx.echoed(`lane${n}`)) lost++;
        }
      };
      await Promise.all(Array.from({ length: BUSY_SPAWNS / 4 }, (_, n) => lane(n)));
      expect(checked).toBe(BUSY_SPAWNS / 2);
      expect(lost).toBe(0);
    },
    BUSY_LIMIT_MS,
  );

  run('encoding "bytes" returns Uint8Array output byte-exact, NUL and 0xFF included', async () => {
    const result = await ctx.runProcess(ctx.program("bytes", "out", "0001617f80c0ff00", "bytes", "err", "ff000a"), {
      encoding: "bytes",
    });
    expect(result.stdout).toBeInstanceOf(Uint8Array);
    expect(result.stderr).toBeInstanceOf(Uint8Array);
    expect(Array.from(result.stdout)).toEqual([0, 1, 97, 127, 128, 192, 255, 0]);
    expect(Array.from(result.stderr)).toEqual([255, 0, 10]);
  });

  run("utf8 output decodes a character split across writes", async () => {
    const result = await ctx.runProcess(
      ctx.program("bytes", "out", "e2", "sleep", "50", "bytes", "out", "89", "sleep", "50", "bytes", "out", "a4"),
    );
    expect(result.stdout).toBe("≤");
    const err = await ctx.runProcess(ctx.program("bytes", "err", "61e2", "sleep", "50", "bytes", "err", "89a462"));
    expect(err.stderr).toBe("a≤b");
  });

  run("emoji and CJK split at chunk boundaries decode intact; invalid bytes become U+FFFD alone", async () => {
    const emoji = await ctx.runProcess(
      ctx.program("bytes", "out", "f0", "sleep", "50", "bytes", "out", "9f98", "sleep", "50", "bytes", "out", "8021"),
    );
    expect(emoji.stdout).toBe("😀!");
    // 30 000 × 3 bytes, written in chunks of 65 535 bytes, larger than a pipe buffer: reads split characters.
    const cjk = await ctx.runProcess(ctx.program("fill", "out", "90000", "e4bda0"));
    expect(cjk.stdout).toBe("你".repeat(30000));
    const invalid = await ctx.runProcess(ctx.program("bytes", "out", "61ff62e28963"));
    expect(invalid.stdout).toBe("a\uFFFDb\uFFFDc");
  });

  run("16 MiB on stdout and stderr at once completes with exact lengths", async () => {
    // One stream after the other: a caller that read stdout to its end before stderr would never see it end.
    const size = 16 * MiB;
    const result = await ctx.runProcess(ctx.program("fill", "out", String(size), "00", "fill", "err", String(size), "00"), {
      encoding: "bytes",
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toHaveLength(size);
    expect(result.stderr).toHaveLength(size);
    expect(result.stdout[size - 1]).toBe(0);
    expect(result.stderr[size - 1]).toBe(0);
  });

  run("output written right before exit is not lost", async () => {
    const result = await ctx.runProcess(ctx.program("fill", "out", String(MiB), "61", "out", "end", "exit", "5"), { check: false });
    expect(result.exitCode).toBe(5);
    expect(result.stdout).toHaveLength(MiB + 3);
    expect(result.stdout.endsWith("aend")).toBe(true);
    const both = await ctx.runProcess(ctx.program("fill", "err", String(MiB), "00", "fill", "out", String(MiB), "00"), {
      encoding: "bytes",
    });
    expect(both.stdout).toHaveLength(MiB);
    expect(both.stderr).toHaveLength(MiB);
  });

  run("maxBuffer exceeded on stdout rejects with MaxBufferError, output truncated to maxBuffer bytes", async () => {
    const error = await rejection(
      ctx.runProcess(ctx.program("fill", "out", "100000", "00", "sleep", "30000"), {
        maxBuffer: 1000,
        encoding: "bytes",
        forceKillAfter: 500,
      }),
    );
    expect(error).toBeInstanceOf(MaxBufferError);
    expect(error).toBeInstanceOf(ProcessError);
    const e = error as MaxBufferError;
    expect(e.name).toBe("MaxBufferError");
    expect(e.stream).toBe("stdout");
    expect(e.maxBuffer).toBe(1000);
    expect(e.message).toContain("stdout");
    expect(e.message).toContain("fill out 100000 00 sleep 30000");
    expect(e.stdout).toBeInstanceOf(Uint8Array);
    expect(e.stdout).toHaveLength(1000);
    // The child was stopped (its 30 s sleep never finished).
    expect(e.exitCode).not.toBe(0);
    if (ctx.caps.signals) expect(e.signal).toBe("SIGTERM");
  });

  run("maxBuffer exceeded on stderr names stderr and truncates it to maxBuffer characters", async () => {
    const error = await rejection(
      ctx.runProcess(ctx.program("out", "fine\n", "fill", "err", "100000", "65", "sleep", "30000"), {
        maxBuffer: 4096,
        forceKillAfter: 500,
      }),
    );
    expect(error).toBeInstanceOf(MaxBufferError);
    const e = error as MaxBufferError;
    expect(e.stream).toBe("stderr");
    expect(e.message).toContain("stderr");
    expect(e.stderr).toBe("e".repeat(4096));
    expect(e.stdout).toBe("fine\n");
    if (ctx.caps.signals) expect(e.signal).toBe("SIGTERM");
  });

  run("output of exactly maxBuffer bytes is not an error", async () => {
    const result = await ctx.runProcess(ctx.program("fill", "out", "1000", "00"), { maxBuffer: 1000, encoding: "bytes" });
    expect(result.stdout).toHaveLength(1000);
    expect(result.exitCode).toBe(0);
  });

  run("a grandchild holding the pipe does not delay runProcess, and output is kept", async () => {
    const began = Date.now();
    const result = await ctx.runProcess(ctx.program("out", "hi\n", "spawn", JSON.stringify(ctx.program("sleep", "30000"))));
    const elapsed = Date.now() - began;
    const [first, pid] = result.stdout.split("\n");
    try {
      expect(first).toBe("hi");
      expect(pid).toMatch(/^\d+$/);
      expect(result.exitCode).toBe(0);
      expect(elapsed).toBeLessThan(4000);
    } finally {
      if (pid && /^\d+$/.test(pid)) ctx.killPid(Number(pid));
    }
  });

  run("a grandchild holding the pipe does not delay openProcess wait()", async () => {
    const proc = await ctx.openProcess(ctx.program("spawn", JSON.stringify(ctx.program("sleep", "30000"))), { stdin: "ignore" });
    let pid = "";
    try {
      const reader = proc.stdout!.getReader();
      let out = "";
      const decoder = new TextDecoder();
      while (!out.includes("\n")) {
        const { done, value } = await reader.read();
        if (done) break;
        out += decoder.decode(value, { stream: true });
      }
      reader.releaseLock();
      pid = out.trim();
      expect(pid).toMatch(/^\d+$/);
      const began = Date.now();
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      expect(Date.now() - began).toBeLessThan(4000);
    } finally {
      await proc[Symbol.asyncDispose]();
      if (/^\d+$/.test(pid)) ctx.killPid(Number(pid));
    }
  });

  run("lines() splits openProcess stdout on \\n and \\r\\n and yields a last line without newline", async () => {
    const steps = [
      "out",
      "a\nb\r\n\nc \r\n",
      "sleep",
      "50",
      "bytes",
      "out",
      "64e2",
      "sleep",
      "50",
      "bytes",
      "out",
      "89a4",
      "out",
      "\nlast",
    ];
    const proc = await ctx.openProcess(ctx.program(...steps), { stdin: "ignore" });
    try {
      expect(await collect(lines(proc.stdout!))).toEqual(["a", "b", "", "c ", "d≤", "last"]);
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run("lines() and text() of a large openProcess stdout deliver every line in order, characters split across reads included", async () => {
    // Distinct lines, about 1.3 MB: many reads, lines crossing them.
    const count = 150000;
    const numbered = await ctx.openProcess(ctx.program("lines", "out", String(count), "line "), { stdin: "ignore" });
    try {
      const seen = await collect(lines(numbered.stdout!));
      expect(seen.length).toBe(count);
      expect(seen.every((line, i) => line === `line ${i}`)).toBe(true);
      expect(await numbered.wait()).toEqual({ exitCode: 0, signal: null });
    } finally {
      await numbered[Symbol.asyncDispose]();
    }
    // "😀\n" (5 bytes) written 65535 bytes at a time, so 64 KiB reads end inside a character.
    const emoji = "😀\n".repeat(200000);
    for (const read of ["lines", "text"] as const) {
      const proc = await ctx.openProcess(ctx.program("fill", "out", String(5 * 200000), "f09f98800a"), { stdin: "ignore" });
      try {
        if (read === "text") expect(await text(proc.stdout!)).toBe(emoji);
        else expect((await collect(lines(proc.stdout!))).join("\n")).toBe(emoji.slice(0, -1));
        expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      } finally {
        await proc[Symbol.asyncDispose]();
      }
    }
  });

  run("lines() of an empty stream yields nothing; text() reads everything, split characters included", async () => {
    const empty = await ctx.openProcess("exit 0", { stdin: "ignore" });
    try {
      expect(await collect(lines(empty.stdout!))).toEqual([]);
    } finally {
      await empty[Symbol.asyncDispose]();
    }
    const proc = await ctx.openProcess(
      ctx.program("out", "x\r\ny", "bytes", "out", "f09f", "sleep", "50", "bytes", "out", "9880", "err", "err"),
      {
        stdin: "ignore",
      },
    );
    try {
      const [out, err] = await Promise.all([text(proc.stdout!), text(proc.stderr!)]);
      expect(out).toBe("x\r\ny😀");
      expect(err).toBe("err");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run("openProcess stdout can be read chunk by chunk with a reader until done", async () => {
    const proc = await ctx.openProcess(ctx.program("out", "one", "sleep", "50", "out", "two", "sleep", "50", "out", "three"), {
      stdin: "ignore",
    });
    try {
      const reader = proc.stdout!.getReader();
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        expect(value).toBeInstanceOf(Uint8Array);
        chunks.push(value);
      }
      reader.releaseLock();
      expect(chunks.length).toBeGreaterThan(0);
      expect(chunks.map((c) => new TextDecoder().decode(c)).join("")).toBe("onetwothree");
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  ctx.when("byobStdout")(
    "openProcess stdout read with a BYOB reader into one small reused buffer delivers every byte in order",
    async () => {
      // 1000-byte reads, far smaller than a pipe read: what does not fit waits for the next read.
      const proc = await ctx.openProcess(ctx.program("lines", "out", "200000", ""), { stdin: "ignore" });
      try {
        const reader = proc.stdout!.getReader({ mode: "byob" });
        const decoder = new TextDecoder();
        let out = "";
        let buffer = new ArrayBuffer(1000);
        for (;;) {
          const { done, value } = await reader.read(new Uint8Array(buffer));
          if (done) break;
          expect(value.byteLength).toBeGreaterThan(0);
          out += decoder.decode(value, { stream: true });
          buffer = value.buffer as ArrayBuffer;
        }
        reader.releaseLock();
        expect(out).toBe(`${Array.from({ length: 200000 }, (_, i) => i).join("\n")}\n`);
        expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      } finally {
        await proc[Symbol.asyncDispose]();
      }
    },
  );

  ctx.unless("byobStdout")("openProcess stdout that is not a byte stream refuses a BYOB reader with a TypeError", async () => {
    const proc = await ctx.openProcess("echo hello", { stdin: "ignore" });
    try {
      expect(() => proc.stdout!.getReader({ mode: "byob" })).toThrow(TypeError);
      expect(await text(proc.stdout!)).toBe(ctx.echoed("hello"));
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  run("openProcess delivers 4 MiB of stdout read concurrently with wait()", async () => {
    const proc = await ctx.openProcess(ctx.program("fill", "out", String(4 * MiB), "00"), { stdin: "ignore" });
    try {
      const reader = proc.stdout!.getReader();
      let total = 0;
      const reading = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          total += value.byteLength;
        }
      })();
      const [status] = await Promise.all([proc.wait(), reading]);
      expect(status).toEqual({ exitCode: 0, signal: null });
      expect(total).toBe(4 * MiB);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });
}
