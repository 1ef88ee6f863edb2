/**
 * A child's Node streams as web streams (the adapter's and the spawn helper's children), without
 * `Readable.toWeb`'s per-chunk overhead. Chunks become plain `Uint8Array` views (no copy); errors never
 * escape as unhandled `'error'` events.
 */

import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { ReleasableStream } from "@anyproc/core";

const HIGH_WATER = 1024 * 1024;

/**
 * A web ReadableStream over a Node Readable; pauses the source while the queue is full. `release` ends the
 * stream for a reader the caller still holds (after the chunks already queued) and destroys the source, so
 * core hands the stream out as it is instead of wrapping it in a second one (one layer less per chunk).
 */
export function readableToWeb(source: Readable): ReleasableStream {
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  source.on("error", () => {});
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        const finish = (error?: unknown) => {
          if (closed) return;
          closed = true;
          if (error) c.error(error);
          else c.close();
        };
        source.on("data", (chunk: Buffer) => {
          if (closed) return;
          c.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((c.desiredSize ?? 0) <= 0) source.pause();
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
  return {
    stream,
    bytes: false,
    async release() {
      if (!closed) {
        closed = true;
        try {
          controller.close();
        } catch {}
      }
      source.destroy();
    },
  };
}

/**
 * A web WritableStream over a Node Writable with Node's own backpressure: a write resolves as soon as the
 * sink takes it below its high-water mark, else at `'drain'`. A failure (EPIPE when the child is gone)
 * rejects the write in flight, or the next write or close.
 */
export function writableToWeb(sink: Writable): WritableStream<Uint8Array> {
  let failure: unknown = null;
  sink.on("error", (error) => {
    failure ??= error;
  });
  const closedError = () => failure ?? Object.assign(new Error("write EPIPE: the stream is closed"), { code: "EPIPE" });
  return new WritableStream<Uint8Array>({
    write(chunk) {
      if (failure !== null || sink.destroyed || sink.writableEnded) throw closedError();
      if (sink.write(chunk)) return;
      return new Promise<void>((resolve, reject) => {
        const settle = () => {
          sink.off("drain", settle);
          sink.off("close", settle);
          // A close before 'drain' means the buffered data never reached the child.
          if (failure !== null || sink.destroyed) reject(closedError());
          else resolve();
        };
        sink.on("drain", settle);
        sink.on("close", settle);
      });
    },
    async close() {
      sink.end();
      await finished(sink).catch(() => {});
      if (failure !== null) throw failure;
    },
    abort() {
      sink.destroy();
    },
  });
}
