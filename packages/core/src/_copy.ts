/**
 * Copying one child's stdout into the next child's stdin, for a pipeline on an adapter that cannot pass the
 * pipe itself (see `ProcessAdapter.links`). A byte stream (Deno's pipes) is read into one reused buffer;
 * each chunk is written before the next read, so the reader follows the writer's pace.
 */
import { byobReader } from "./_byob.js";

/** A running copy. */
export interface Copy {
  /** Settles when the copy has ended: at EOF (the destination is then closed), on an error, or on release. */
  readonly done: Promise<void>;
  /** Stops reading and closes the source (the writer then finds its pipe closed); never rejects. */
  release(): Promise<void>;
  /** Bytes copied so far. */
  readonly bytes: number;
}

/** Bytes of the buffer a byte stream is read into. */
const COPY_BUFFER = 64 * 1024;

/** Copies `from` into `to` until `from` ends, then closes `to`. A failed write stops reading, nothing more. */
export function copyPipe(from: ReadableStream<Uint8Array>, to: WritableStream<Uint8Array>): Copy {
  const writer = to.getWriter();
  const quiet = () => {};
  writer.closed.catch(quiet);
  const byob = byobReader(from);
  const reader = byob ?? from.getReader();
  let released = false;
  let bytes = 0;
  const pump = async () => {
    let buffer = new ArrayBuffer(COPY_BUFFER);
    try {
      for (;;) {
        const { done, value } = byob
          ? await byob.read(new Uint8Array(buffer))
          : await (reader as ReadableStreamDefaultReader<Uint8Array>).read();
        if (done || !value || released) break;
        await writer.write(value);
        bytes += value.byteLength;
        if (byob) buffer = value.buffer as ArrayBuffer;
      }
    } catch {
      // A read or write failed: the stage before or after has gone. The pipeline's exit handling closes the rest.
      writer.ready.catch(quiet);
      return;
    }
    await writer.close().catch(quiet);
  };
  const done = pump();
  return {
    done,
    get bytes() {
      return bytes;
    },
    async release() {
      released = true;
      await reader.cancel().catch(quiet);
      await writer.abort().catch(quiet);
      await done;
    },
  };
}
