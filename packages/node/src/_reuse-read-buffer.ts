/**
 * A child's stdout read into one reused buffer: the parent end of a socket pair made with node:net's `onread`
 * option, which hands every read in the same buffer instead of allocating one per read (child_process's
 * pipes allocate 64 KiB per read, garbage until the next GC, which raises the peak RSS of a large stream;
 * docs/reuse-read-buffer.md has the figures).
 * The web stream is a byte stream: a BYOB reader gets each read copied straight into its own buffer, so a
 * reader that reuses its buffer allocates nothing per read; a default reader gets a copy of each read.
 */
import type { Socket } from "node:net";
import type { ReleasableStream } from "@anyproc/core";

/** Bytes of the reused read buffer: what one pipe read delivers at most. */
const READ_BUFFER = 64 * 1024;
/** Bytes queued for a reader that is not reading before the socket stops reading (as in `readableToWeb`). */
const HIGH_WATER = 1024 * 1024;

/**
 * The `onread` option for the socket, the stream with its `release` (the child's stdout as core takes it),
 * and `attach`, which ties the stream to the socket once it exists.
 */
export interface ReuseReadBufferReader extends ReleasableStream {
  readonly onread: { buffer: Uint8Array; callback: (bytes: number, buffer: Uint8Array) => boolean };
  /** Ties {@link stream} to `socket`, which must have been created with {@link onread}; call once. */
  attach(socket: Socket): void;
}

/** A reader for one socket: reads that arrive before `attach` are queued like any other. */
export function reuseReadBufferReader(): ReuseReadBufferReader {
  let controller!: ReadableByteStreamController;
  let socket: Socket | null = null;
  let ended = false;
  /** Ends the stream after what is queued; a pending BYOB read ends empty. */
  const finish = (error?: unknown) => {
    if (ended) return;
    ended = true;
    try {
      if (error) controller.error(error);
      else {
        controller.close();
        controller.byobRequest?.respond(0);
      }
    } catch {}
  };
  const callback = (bytes: number, buffer: Uint8Array): boolean => {
    if (ended) return false;
    let offset = 0;
    const request = controller.byobRequest;
    const view = request?.view;
    if (request && view) {
      offset = Math.min(bytes, view.byteLength);
      new Uint8Array(view.buffer, view.byteOffset, offset).set(buffer.subarray(0, offset));
      request.respond(offset);
    }
    // A copy (the Uint8Array constructor copies a typed array): the buffer is overwritten by the next read.
    if (offset < bytes) controller.enqueue(new Uint8Array(buffer.subarray(offset, bytes)));
    return (controller.desiredSize ?? 0) > 0;
  };
  const stream = new ReadableStream(
    {
      type: "bytes",
      start(c) {
        controller = c;
      },
      pull() {
        socket?.resume();
      },
      cancel() {
        ended = true;
        socket?.destroy();
      },
    },
    { highWaterMark: HIGH_WATER },
  ) as ReadableStream<Uint8Array>;
  return {
    onread: { buffer: Buffer.allocUnsafe(READ_BUFFER), callback },
    stream,
    async release() {
      finish();
      socket?.destroy();
    },
    attach(s) {
      socket = s;
      s.on("error", (error) => finish(error));
      s.once("end", () => finish());
      s.once("close", () => finish());
      if (ended) s.destroy();
    },
  };
}
