/**
 * Node streams as web streams (used by every adapter that holds a node:stream), without `Readable.toWeb`'s per-chunk overhead. Chunks become plain
 * `Uint8Array` views (no copy); errors never escape as unhandled `'error'` events.
 */

import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";

const HIGH_WATER = 1024 * 1024;

/** A web ReadableStream over a Node Readable; pauses the source while the queue is full. */
export function readableToWeb(source: Readable): ReadableStream<Uint8Array> {
  let closed = false;
  source.on("error", () => {});
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = (error?: unknown) => {
          if (closed) return;
          closed = true;
          if (error) controller.error(error);
          else controller.close();
        };
        source.on("data", (chunk: Buffer) => {
          if (closed) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.once("end", () => finish());
        source.once("error", (error) => finish(error));
        source.once("close", () => finish());
      },
      pull() {
        source.resume();
      },
      cancel() {
        closed = true;
        source.destroy();
      },
    },
    { highWaterMark: HIGH_WATER, size: (chunk) => chunk.byteLength },
  );
}

/** A web WritableStream over a Node Writable; each write resolves once Node has flushed it. */
export function writableToWeb(sink: Writable): WritableStream<Uint8Array> {
  sink.on("error", () => {});
  return new WritableStream<Uint8Array>({
    write(chunk) {
      return new Promise<void>((resolve, reject) => {
        if (sink.destroyed || sink.writableEnded) {
          reject(Object.assign(new Error("write EPIPE: the stream is closed"), { code: "EPIPE" }));
          return;
        }
        sink.write(chunk, (error) => (error ? reject(error) : resolve()));
      });
    },
    async close() {
      sink.end();
      await finished(sink).catch(() => {});
    },
    abort() {
      sink.destroy();
    },
  });
}
