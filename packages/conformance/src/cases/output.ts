/**
 * Output: bytes kept byte-exact, text decoded with one streaming decoder per stream (a character split
 * across writes is never mangled), both streams drained at once, `maxBuffer` enforced exactly, and a
 * grandchild holding the pipe never delays the result while bytes already written are never lost.
 */
import { lines, MaxBufferError, ProcessError, text } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { MiB, rejection } from "../_fixtures.js";

/** Every item of an async iterable. */
async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export function outputCases(ctx: Context): void {
  it("output already written survives an event loop kept busy by many spawns while children exit", async () => {
    // 100 lanes of short children: each spawn takes the caller's loop for a while (on Node a spawn is
    // synchronous), so a child often exits long before the loop reads what it left in the pipe. Time
    // during which the loop could not read must never count as silence on the pipe.
    let lost = 0;
    let checked = 0;
    const lane = async (n: number) => {
      for (let i = 0; i < 4; i++) {
        if ((n + i) % 2) {
          await ctx.runProcess(["sleep", "0.05"], { stdout: "ignore", stderr: "ignore" });
          continue;
        }
        const { stdout } = await ctx.runProcess(ctx.sh('sleep 0.05; printf "%s" "$1"', `lane${n}`));
        checked++;
        if (stdout !== `lane${n}`) lost++;
      }
    };
    await Promise.all(Array.from({ length: 100 }, (_, n) => lane(n)));
    expect(checked).toBe(200);
    expect(lost).toBe(0);
  });

  it('encoding "bytes" returns Uint8Array output byte-exact, NUL and 0xFF included', async () => {
    const result = await ctx.runProcess("printf '\\000\\001a\\177\\200\\300\\377\\000'; printf '\\377\\000\\012' >&2", {
      encoding: "bytes",
    });
    expect(result.stdout).toBeInstanceOf(Uint8Array);
    expect(result.stderr).toBeInstanceOf(Uint8Array);
    expect(Array.from(result.stdout)).toEqual([0, 1, 97, 127, 128, 192, 255, 0]);
    expect(Array.from(result.stderr)).toEqual([255, 0, 10]);
  });

  it("utf8 output decodes a character split across writes", async () => {
    const result = await ctx.runProcess("printf '\\342'; sleep 0.05; printf '\\211'; sleep 0.05; printf '\\244'");
    expect(result.stdout).toBe("≤");
    const err = await ctx.runProcess("printf 'a\\342' >&2; sleep 0.05; printf '\\211\\244b' >&2");
    expect(err.stderr).toBe("a≤b");
  });

  it("emoji and CJK split at chunk boundaries decode intact; invalid bytes become U+FFFD alone", async () => {
    const emoji = await ctx.runProcess("printf '\\360'; sleep 0.05; printf '\\237\\230'; sleep 0.05; printf '\\200!'");
    expect(emoji.stdout).toBe("😀!");
    // 30 000 × 3 bytes is larger than a pipe buffer, so reads split characters.
    const cjk = await ctx.runProcess("yes 你 | head -n 30000 | tr -d '\\n'");
    expect(cjk.stdout).toBe("你".repeat(30000));
    const invalid = await ctx.runProcess("printf 'a\\377b\\342\\211c'");
    expect(invalid.stdout).toBe("a\uFFFDb\uFFFDc");
  });

  it("16 MiB on stdout and stderr at once completes with exact lengths", async () => {
    const size = 16 * MiB;
    const result = await ctx.runProcess(`head -c ${size} /dev/zero & head -c ${size} /dev/zero >&2; wait`, {
      encoding: "bytes",
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toHaveLength(size);
    expect(result.stderr).toHaveLength(size);
    expect(result.stdout[size - 1]).toBe(0);
    expect(result.stderr[size - 1]).toBe(0);
  });

  it("output written right before exit is not lost", async () => {
    const result = await ctx.runProcess(`head -c ${MiB} /dev/zero | tr '\\0' a; printf end; exit 5`, { check: false });
    expect(result.exitCode).toBe(5);
    expect(result.stdout).toHaveLength(MiB + 3);
    expect(result.stdout.endsWith("aend")).toBe(true);
    const both = await ctx.runProcess(`head -c ${MiB} /dev/zero & head -c ${MiB} /dev/zero >&2; wait`, { encoding: "bytes" });
    expect(both.stdout).toHaveLength(MiB);
    expect(both.stderr).toHaveLength(MiB);
  });

  it("maxBuffer exceeded on stdout rejects with MaxBufferError, output truncated to maxBuffer bytes", async () => {
    const error = await rejection(
      ctx.runProcess("head -c 100000 /dev/zero; exec sleep 30", { maxBuffer: 1000, encoding: "bytes", forceKillAfter: 500 }),
    );
    expect(error).toBeInstanceOf(MaxBufferError);
    expect(error).toBeInstanceOf(ProcessError);
    const e = error as MaxBufferError;
    expect(e.name).toBe("MaxBufferError");
    expect(e.stream).toBe("stdout");
    expect(e.maxBuffer).toBe(1000);
    expect(e.message).toContain("stdout");
    expect(e.message).toContain("head -c 100000");
    expect(e.stdout).toBeInstanceOf(Uint8Array);
    expect(e.stdout).toHaveLength(1000);
    // The child was stopped (the `sleep 30` it exec'd never finished).
    expect(e.exitCode).not.toBe(0);
    if (ctx.caps.signals) expect(e.signal).toBe("SIGTERM");
  });

  it("maxBuffer exceeded on stderr names stderr and truncates it to maxBuffer characters", async () => {
    const error = await rejection(
      ctx.runProcess("echo fine; head -c 100000 /dev/zero | tr '\\0' e >&2; exec sleep 30", { maxBuffer: 4096, forceKillAfter: 500 }),
    );
    expect(error).toBeInstanceOf(MaxBufferError);
    const e = error as MaxBufferError;
    expect(e.stream).toBe("stderr");
    expect(e.message).toContain("stderr");
    expect(e.stderr).toBe("e".repeat(4096));
    expect(e.stdout).toBe("fine\n");
    if (ctx.caps.signals) expect(e.signal).toBe("SIGTERM");
  });

  it("output of exactly maxBuffer bytes is not an error", async () => {
    const result = await ctx.runProcess("head -c 1000 /dev/zero", { maxBuffer: 1000, encoding: "bytes" });
    expect(result.stdout).toHaveLength(1000);
    expect(result.exitCode).toBe(0);
  });

  it("a grandchild holding the pipe does not delay runProcess, and output is kept", async () => {
    const began = Date.now();
    const result = await ctx.runProcess("sleep 30 & echo hi; echo $!");
    const elapsed = Date.now() - began;
    const [first, pid] = result.stdout.split("\n");
    try {
      expect(first).toBe("hi");
      expect(pid).toMatch(/^\d+$/);
      expect(result.exitCode).toBe(0);
      expect(elapsed).toBeLessThan(4000);
    } finally {
      if (pid && /^\d+$/.test(pid)) await ctx.runProcess(["kill", pid], { check: false, stderr: "ignore" });
    }
  });

  it("a grandchild holding the pipe does not delay openProcess wait()", async () => {
    const proc = await ctx.openProcess("sleep 30 & echo $!", { stdin: "ignore" });
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
      if (/^\d+$/.test(pid)) await ctx.runProcess(["kill", pid], { check: false, stderr: "ignore" });
    }
  });

  it("lines() splits openProcess stdout on \\n and \\r\\n and yields a last line without newline", async () => {
    const proc = await ctx.openProcess(
      "printf 'a\\nb\\r\\n\\nc \\r\\n'; sleep 0.05; printf 'd\\342'; sleep 0.05; printf '\\211\\244\\nlast'",
      {
        stdin: "ignore",
      },
    );
    try {
      expect(await collect(lines(proc.stdout!))).toEqual(["a", "b", "", "c ", "d≤", "last"]);
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  it("lines() of an empty stream yields nothing; text() reads everything, split characters included", async () => {
    const empty = await ctx.openProcess(["true"], { stdin: "ignore" });
    try {
      expect(await collect(lines(empty.stdout!))).toEqual([]);
    } finally {
      await empty[Symbol.asyncDispose]();
    }
    const proc = await ctx.openProcess("printf 'x\\r\\ny\\360\\237'; sleep 0.05; printf '\\230\\200'; printf 'err' >&2", {
      stdin: "ignore",
    });
    try {
      const [out, err] = await Promise.all([text(proc.stdout!), text(proc.stderr!)]);
      expect(out).toBe("x\r\ny😀");
      expect(err).toBe("err");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  it("openProcess stdout can be read chunk by chunk with a reader until done", async () => {
    const proc = await ctx.openProcess("printf one; sleep 0.05; printf two; sleep 0.05; printf three", { stdin: "ignore" });
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
      const proc = await ctx.openProcess(["seq", "1", "200000"], { stdin: "ignore" });
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
        expect(out).toBe(`${Array.from({ length: 200000 }, (_, i) => i + 1).join("\n")}\n`);
        expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      } finally {
        await proc[Symbol.asyncDispose]();
      }
    },
  );

  ctx.unless("byobStdout")("openProcess stdout that is not a byte stream refuses a BYOB reader with a TypeError", async () => {
    const proc = await ctx.openProcess(["echo", "hello"], { stdin: "ignore" });
    try {
      expect(() => proc.stdout!.getReader({ mode: "byob" })).toThrow(TypeError);
      expect(await text(proc.stdout!)).toBe("hello\n");
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  it("openProcess delivers 4 MiB of stdout read concurrently with wait()", async () => {
    const proc = await ctx.openProcess(`head -c ${4 * MiB} /dev/zero`, { stdin: "ignore" });
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
