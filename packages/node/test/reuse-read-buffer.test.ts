// The Node adapter with `reuseReadBuffer`: what its stdout stream adds beyond the conformance suite (which the
// lane "node-reuse-read-buffer" runs on it): the socket stops reading while nobody reads and starts again, and a
// BYOB read pending when the process is disposed ends. Times are hang guards, not measurements.
import { describe, expect, it } from "vitest";
import { bindAdapter, createAdapter } from "../src/index.js";

const { openProcess } = bindAdapter(createAdapter({ reuseReadBuffer: true }));
const MiB = 1024 * 1024;

describe("reuseReadBuffer", () => {
  it("createAdapter refuses an unknown option or a value that is not a boolean, naming it", () => {
    expect(() => createAdapter({ reuseReadBuffer: "yes" as unknown as boolean })).toThrow(
      new TypeError('`reuseReadBuffer` must be a boolean, got "yes"'),
    );
    expect(() => createAdapter({ reuseBuffer: true } as never)).toThrow(
      new TypeError('Unknown option "reuseBuffer" of createAdapter (known: reuseReadBuffer)'),
    );
    expect(() => createAdapter(null as never)).toThrow(new TypeError("createAdapter options must be an object, got null"));
    expect(createAdapter({ reuseReadBuffer: false }).runtime).toBe("node");
  });

  it("a reader that starts late gets every byte of an output much larger than the queue", async () => {
    await using proc = await openProcess(["head", "-c", String(16 * MiB), "/dev/urandom"], { stdin: "ignore" });
    // Let the child fill the 1 MiB queue and the socket's buffers and block.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reader = proc.stdout!.getReader({ mode: "byob" });
    let total = 0;
    let buffer = new ArrayBuffer(256 * 1024);
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer));
      if (done) break;
      total += value.byteLength;
      buffer = value.buffer as ArrayBuffer;
    }
    expect(total).toBe(16 * MiB);
    expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
  });

  it("a default reader gets copies it may keep: no chunk changes when later reads arrive", async () => {
    await using proc = await openProcess(["sh", "-c", "printf aaaa; sleep 0.05; printf bbbb; sleep 0.05; printf cccc"], {
      stdin: "ignore",
    });
    const chunks: Uint8Array[] = [];
    for await (const chunk of proc.stdout!) chunks.push(chunk);
    // Had a chunk been a view of the reused buffer, a later read would have overwritten it.
    expect(chunks.map((c) => new TextDecoder().decode(c)).join("")).toBe("aaaabbbbcccc");
  });

  it("dispose ends a BYOB read that is waiting for output", async () => {
    const proc = await openProcess(["sleep", "30"], { stdin: "ignore" });
    const reader = proc.stdout!.getReader({ mode: "byob" });
    const pending = reader.read(new Uint8Array(1024));
    await proc[Symbol.asyncDispose]();
    const result = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve("still pending"), 5000))]);
    expect(result).toMatchObject({ done: true });
  });
});
