/**
 * The child's stdin as a web WritableStream over Bun's FileSink. A FileSink buffers writes, reports EPIPE
 * by throwing from `flush()` or rejecting the promise `write()` returns, and drops data silently once the
 * child has exited; here every write is flushed before it resolves (backpressure reaches the caller) and
 * rejects with an `EPIPE` error when the child closed its end or is gone.
 * https://bun.com/docs/runtime/child-process#input-stream
 */
import type { FileSink } from "bun";

/** The most bytes handed to the sink in one write. */
const SLICE = 1024 * 1024;

/** A web stream over `sink`; `exited()` tells whether the child is gone. */
export function sinkToWeb(sink: FileSink, exited: () => boolean): WritableStream<Uint8Array> {
  let ended = false;
  return new WritableStream<Uint8Array>({
    async write(chunk) {
      // A large chunk goes in slices: the sink would first copy all of it into its own buffer.
      for (let offset = 0; offset < chunk.byteLength || offset === 0; offset += SLICE) {
        if (ended || exited()) throw brokenPipe();
        // A number means buffered or written; a Promise, a write pending on a full pipe; anything else
        // (`true`, `undefined`) means Bun has already closed the sink and dropped the data.
        const written = sink.write(chunk.byteLength > SLICE ? chunk.subarray(offset, offset + SLICE) : chunk);
        if (written instanceof Promise) await written;
        else if (typeof written !== "number") throw brokenPipe();
        const flushed = sink.flush();
        if (flushed instanceof Promise) await flushed;
        else if (typeof flushed !== "number") throw brokenPipe();
        if (chunk.byteLength <= SLICE) return;
      }
    },
    async close() {
      ended = true;
      await sink.end();
    },
    abort() {
      ended = true;
      end(sink);
    },
  });
}

/** Ends `sink`, swallowing every error: used where the data no longer matters. */
function end(sink: FileSink): void {
  try {
    const result = sink.end();
    if (result instanceof Promise) result.catch(() => {});
  } catch {}
}

function brokenPipe(): Error & { code: string } {
  return Object.assign(new Error("EPIPE: broken pipe, write"), { code: "EPIPE", errno: -32, syscall: "write" });
}
