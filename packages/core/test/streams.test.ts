// core's wrapper of a child's byte stream (Deno's pipes): BYOB reads pass through into the caller's memory,
// default reads get memory the reader keeps, and release, cancel and errors reach every reader and the source.
import { describe, expect, it } from "vitest";
import { ownReadable } from "../src/_streams.js";

/**
 * A byte stream like a pipe: each pull waits until {@link Source.push} (bytes), {@link Source.end} or
 * {@link Source.fail} answers it, filling a BYOB request where there is one (what does not fit stays for the
 * next pull). `cancelled` holds the cancel reason once cancelled.
 */
interface Source {
  stream: ReadableStream<Uint8Array>;
  push(bytes: number[]): void;
  end(): void;
  fail(error: unknown): void;
  cancelled: { reason: unknown } | null;
  pulls: number;
}

function source(): Source {
  const queue: Uint8Array<ArrayBuffer>[] = [];
  let ended = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const state: Source = {
    stream: null as unknown as ReadableStream<Uint8Array>,
    push(bytes) {
      queue.push(new Uint8Array(bytes));
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    fail(error) {
      failure = { error };
      wake?.();
    },
    cancelled: null,
    pulls: 0,
  };
  state.stream = new ReadableStream({
    type: "bytes",
    async pull(c) {
      state.pulls++;
      while (queue.length === 0 && !ended && failure === null) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (failure !== null) return c.error(failure.error);
      const request = c.byobRequest;
      const next = queue.shift();
      if (next === undefined) {
        c.close();
        request?.respond(0);
        return;
      }
      if (!request?.view) return c.enqueue(next);
      const view = new Uint8Array(request.view.buffer, request.view.byteOffset, request.view.byteLength);
      const n = Math.min(view.byteLength, next.byteLength);
      view.set(next.subarray(0, n));
      if (n < next.byteLength) queue.unshift(next.subarray(n));
      request.respond(n);
    },
    cancel(reason) {
      state.cancelled = { reason };
    },
  }) as ReadableStream<Uint8Array>;
  return state;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("ownReadable of a byte stream", () => {
  it("stays a byte stream that reads nothing ahead", async () => {
    const src = source();
    const { stream } = ownReadable(src.stream);
    const reader = stream.getReader({ mode: "byob" });
    await tick();
    expect(src.pulls).toBe(0);
    reader.releaseLock();
  });

  it("gives a default reader chunks it keeps: later reads do not touch them", async () => {
    const src = source();
    const reader = ownReadable(src.stream).stream.getReader();
    const kept: Uint8Array[] = [];
    for (const byte of [1, 2, 3]) {
      src.push([byte, byte, byte]);
      const { done, value } = await reader.read();
      expect(done).toBe(false);
      kept.push(value as Uint8Array);
    }
    expect(kept.map((chunk) => [...chunk])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
    ]);
    src.end();
    expect((await reader.read()).done).toBe(true);
  });

  it("fills a BYOB reader's own memory, small reads taking what fits, then hands it back empty at the end", async () => {
    const src = source();
    const reader = ownReadable(src.stream).stream.getReader({ mode: "byob" });
    src.push([1, 2, 3, 4, 5]);
    let buffer = new ArrayBuffer(2);
    const seen: number[][] = [];
    for (;;) {
      if (seen.length === 3) src.end();
      const { done, value } = await reader.read(new Uint8Array(buffer));
      expect(value?.buffer.byteLength).toBe(2);
      buffer = value?.buffer as ArrayBuffer;
      if (done) break;
      seen.push([...value]);
    }
    expect(seen).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("keeps the bytes in order when a default reader and a BYOB reader take turns", async () => {
    const src = source();
    const { stream } = ownReadable(src.stream);
    src.push([1, 2, 3]);
    src.push([4]);
    const byob = stream.getReader({ mode: "byob" });
    expect([...((await byob.read(new Uint8Array(2))).value as Uint8Array)]).toEqual([1, 2]);
    byob.releaseLock();
    const reader = stream.getReader();
    expect([...((await reader.read()).value as Uint8Array)]).toEqual([3]);
    expect([...((await reader.read()).value as Uint8Array)]).toEqual([4]);
    reader.releaseLock();
  });

  for (const mode of ["default", "byob"] as const) {
    it(`release ends a ${mode} read waiting for the source, and cancels the source`, async () => {
      const src = source();
      const owned = ownReadable(src.stream);
      const reader = mode === "byob" ? owned.stream.getReader({ mode: "byob" }) : owned.stream.getReader();
      const read =
        mode === "byob"
          ? (reader as ReadableStreamBYOBReader).read(new Uint8Array(8))
          : (reader as ReadableStreamDefaultReader<Uint8Array>).read();
      await tick();
      await owned.release();
      const result = await read;
      expect(result.done).toBe(true);
      expect(src.cancelled).not.toBeNull();
      expect((await reader.read(new Uint8Array(8) as never)).done).toBe(true);
      await owned.release();
    });
  }

  it("a reader's cancel cancels the source with its reason", async () => {
    const src = source();
    const reader = ownReadable(src.stream).stream.getReader();
    const read = reader.read();
    await tick();
    await reader.cancel("enough");
    expect((await read).done).toBe(true);
    expect(src.cancelled).toEqual({ reason: "enough" });
  });

  for (const mode of ["default", "byob"] as const) {
    it(`an error of the source errors the stream for a ${mode} reader`, async () => {
      const src = source();
      const { stream } = ownReadable(src.stream);
      const failure = new Error("read failed");
      const reader = mode === "byob" ? stream.getReader({ mode: "byob" }) : stream.getReader();
      const read =
        mode === "byob"
          ? (reader as ReadableStreamBYOBReader).read(new Uint8Array(8))
          : (reader as ReadableStreamDefaultReader<Uint8Array>).read();
      src.fail(failure);
      await expect(read).rejects.toBe(failure);
      await expect(reader.closed).rejects.toBe(failure);
    });
  }
});
