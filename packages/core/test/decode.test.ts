// One streaming decoder per stream: split characters survive, \n and \r\n both end a line.
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
});
