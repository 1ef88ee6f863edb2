// One streaming decoder per stream: split characters survive, \n and \r\n both end a line. A byte stream
// is read with a BYOB reader into one reused buffer; lines are handed out one resolved promise at a time.
import { describe, expect, it } from "vitest";
import { lines, text } from "../src/decode.js";

function streamOf(...chunks: number[][]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(new Uint8Array(chunk));
      c.close();
    },
  });
}

/**
 * A byte stream delivering `chunks` one per pull, into the reader's memory where it asks with a BYOB request
 * (what does not fit comes with the next pull); `requests` records the byte length of each BYOB request, or
 * null for a pull without one.
 */
function byteStreamOf(...chunks: number[][]): { stream: ReadableStream<Uint8Array>; requests: (number | null)[] } {
  const queue = chunks.map((chunk) => new Uint8Array(chunk));
  const requests: (number | null)[] = [];
  const stream = new ReadableStream({
    type: "bytes",
    pull(c) {
      const request = c.byobRequest;
      requests.push(request?.view ? request.view.byteLength : null);
      const next = queue.shift();
      if (next === undefined) {
        c.close();
        request?.respond(0);
        return;
      }
      if (!request?.view) {
        c.enqueue(next);
        return;
      }
      const view = new Uint8Array(request.view.buffer, request.view.byteOffset, request.view.byteLength);
      const n = Math.min(next.byteLength, view.byteLength);
      view.set(next.subarray(0, n));
      if (n < next.byteLength) queue.unshift(next.subarray(n));
      request.respond(n);
    },
  });
  return { stream: stream as ReadableStream<Uint8Array>, requests };
}

/** All lines of `stream`. */
async function allLines(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines(stream)) out.push(line);
  return out;
}

const bytes = (s: string) => [...new TextEncoder().encode(s)];

describe("text", () => {
  it("decodes a character split across chunks once", async () => {
    expect(await text(streamOf([0xe2], [0x89], [0xa4]))).toBe("≤");
  });
  it("keeps a leading U+FEFF (BOM), also split across chunks", async () => {
    expect(await text(streamOf([0xef, 0xbb, 0xbf, 0x61]))).toBe("\uFEFFa");
    expect(await text(streamOf([0xef], [0xbb, 0xbf], [0x61]))).toBe("\uFEFFa");
  });
  it("keeps a genuinely invalid byte as U+FFFD", async () => {
    expect(await text(streamOf([0x61, 0xff, 0x62]))).toBe("a\uFFFDb");
  });
  it("reads a byte stream with BYOB requests into its own buffer, split characters and invalid bytes decoded as from one piece", async () => {
    const { stream, requests } = byteStreamOf([0xef], [0xbb, 0xbf, 0x61, 0xe2], [0x89], [0xa4, 0xff], [0x62]);
    expect(await text(stream)).toBe("\uFEFFa≤\uFFFDb");
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r !== null && r >= 64 * 1024)).toBe(true);
    expect(stream.locked).toBe(false);
  });
  it("rejects with the stream's error and releases the stream", async () => {
    const failure = new Error("read failed");
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x61]));
        c.error(failure);
      },
    });
    await expect(text(stream)).rejects.toBe(failure);
    expect(stream.locked).toBe(false);
  });
});

describe("lines", () => {
  it("splits on \\n and \\r\\n, including across chunks, and yields a last unterminated line", async () => {
    const out: string[] = [];
    for await (const line of lines(streamOf(bytes("a\r"), bytes("\nb\n\nc"), bytes("😀".slice(0, 2)), bytes("\nd")))) out.push(line);
    expect(out).toEqual(["a", "b", "", "c😀", "d"]);
  });
  it("keeps a leading U+FEFF (BOM) in the first line", async () => {
    const out: string[] = [];
    for await (const line of lines(streamOf([0xef, 0xbb], [0xbf, 0x61, 0x0a, 0x62]))) out.push(line);
    expect(out).toEqual(["\uFEFFa", "b"]);
  });
  it("yields nothing for an empty stream", async () => {
    const out: string[] = [];
    for await (const line of lines(streamOf())) out.push(line);
    expect(out).toEqual([]);
  });
  it("cancels the stream when the loop breaks early", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new TextEncoder().encode("x\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const line of lines(stream)) {
      expect(line).toBe("x");
      break;
    }
    expect(cancelled).toBe(true);
  });
  it("reads a byte stream with BYOB requests, lines, \\r\\n and characters split across reads", async () => {
    const long = "x".repeat(100_000); // longer than one read of the reused buffer
    const { stream, requests } = byteStreamOf(
      bytes("a\r"),
      bytes(`\nb\n${long}`),
      bytes("\n😀").slice(0, 3),
      bytes("😀\nd").slice(2),
      [0x0d],
    );
    expect(await allLines(stream)).toEqual(["a", "b", long, "😀", "d\r"]);
    expect(requests.every((r) => r !== null)).toBe(true);
    expect(stream.locked).toBe(false);
  });
  it("hands out the next line of a chunk already read in a resolved promise, one microtask away", async () => {
    const iterator = lines(streamOf(bytes("a\nb\nc\n")))[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: "a", done: false });
    let settled: IteratorResult<string> | null = null;
    void iterator.next().then((r) => {
      settled = r;
    });
    await Promise.resolve();
    expect(settled).toEqual({ value: "b", done: false });
  });
  it("answers next() calls made without waiting in order, across reads, then done", async () => {
    const iterator = lines(streamOf(bytes("a\nb"), bytes("c\n"), bytes("d")))[Symbol.asyncIterator]();
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
    expect(results).toEqual([
      { value: "a", done: false },
      { value: "bc", done: false },
      { value: "d", done: false },
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
  });
  it("releases the stream at its end, and a loop that ends there cancels nothing", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode("a\nb"));
        c.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await allLines(stream)).toEqual(["a", "b"]);
    expect(stream.locked).toBe(false);
    expect(cancelled).toBe(false);
  });
  it("rejects with the stream's error after the lines before it, then is done, the stream released", async () => {
    const failure = new Error("read failed");
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulls++ === 0) c.enqueue(new TextEncoder().encode("a\nb"));
        else c.error(failure);
      },
    });
    const iterator = lines(stream)[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: "a", done: false });
    await expect(iterator.next()).rejects.toBe(failure);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(stream.locked).toBe(false);
  });
  it("does not lock the stream before the first next(), and return() before it cancels nothing", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const iterator = lines(stream)[Symbol.asyncIterator]();
    expect(stream.locked).toBe(false);
    expect(await iterator.return?.()).toEqual({ value: undefined, done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(cancelled).toBe(false);
  });
  it("return() while a next() waits for a read answers after it, then cancels and releases the stream", async () => {
    let cancelled = false;
    let answer!: () => void;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        return new Promise<void>((resolve) => {
          answer = () => {
            c.enqueue(new TextEncoder().encode("a\nb"));
            resolve();
          };
        });
      },
      cancel() {
        cancelled = true;
      },
    });
    const iterator = lines(stream)[Symbol.asyncIterator]();
    const pending = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const returned = iterator.return?.();
    answer();
    expect(await pending).toEqual({ value: "a", done: false });
    expect(await returned).toEqual({ value: undefined, done: true });
    expect(cancelled).toBe(true);
    expect(stream.locked).toBe(false);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
