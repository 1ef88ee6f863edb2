/**
 * Wrappers that put the child's pipes under core's control: stdin writes after exit reject instead of
 * vanishing, and readable streams can be released on dispose even while a user holds a reader.
 */

import { byobReader, markPlain, notePipe } from "./_byob.js";
import { formatCommand } from "./_format.js";
import type { ReleasableStream } from "./adapter.js";
import { BrokenPipeError } from "./errors.js";

/** A readable stream core can always release: the adapter's own {@link ReleasableStream}, or a wrapper. */
export type OwnedReadable = ReleasableStream;

/** Whether an adapter's pipe can end itself (see `SpawnedChild.stdout`). */
function isReleasable(source: ReadableStream<Uint8Array> | ReleasableStream): source is ReleasableStream {
  return typeof (source as Partial<ReleasableStream>).release === "function";
}

/**
 * The readable stream of a child's pipe (`SpawnedChild.stdout` or `stderr`), whichever form the adapter gives
 * it in: a plain stream as it is, a {@link ReleasableStream}'s `stream`. For code that drives an adapter directly.
 */
export function streamOf(source: ReadableStream<Uint8Array> | ReleasableStream): ReadableStream<Uint8Array> {
  if (!isReleasable(source)) return source;
  notePipe(source);
  return source.stream;
}

/**
 * Puts the adapter's pipe under core's control: a {@link ReleasableStream} as it is, a plain stream wrapped
 * so that core holds its reader. A byte stream (Deno's pipes) stays a byte stream, so callers can read it
 * with a BYOB reader at the speed of the runtime's own.
 */
export function ownReadable(source: ReadableStream<Uint8Array> | ReleasableStream): OwnedReadable {
  if (isReleasable(source)) {
    notePipe(source);
    return source;
  }
  const byob = byobReader(source);
  return byob ? ownBytes(byob) : ownChunks(source);
}

/** Chunk size a default reader of a wrapped byte stream gets per read (a pipe delivers at most 64 KiB). */
const AUTO_CHUNK = 64 * 1024;

/**
 * The byte-stream wrapper: each read of ours is passed to the source as a BYOB read into the same memory
 * (no copy); a default reader of ours gets {@link AUTO_CHUNK}-byte chunks.
 */
function ownBytes(reader: ReadableStreamBYOBReader): OwnedReadable {
  let controller!: ReadableByteStreamController;
  let ended = false;
  const stream = new ReadableStream(
    {
      type: "bytes",
      autoAllocateChunkSize: AUTO_CHUNK,
      start(c) {
        controller = c;
      },
      async pull(c) {
        const view = c.byobRequest?.view;
        if (!view) return;
        const { buffer, byteOffset, byteLength } = view;
        const size = buffer.byteLength;
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read(new Uint8Array(buffer, byteOffset, byteLength));
        } catch (error) {
          if (!ended) {
            ended = true;
            c.error(error);
          }
          return;
        }
        const { done, value } = result;
        if (!ended && !done && value) {
          c.byobRequest?.respondWithNewView(value as Uint8Array<ArrayBuffer>);
          return;
        }
        if (!ended) {
          ended = true;
          c.close();
        }
        // The read that is still pending ends empty; a cancelled source kept our memory, so answer with new memory.
        const empty = value ? new Uint8Array(value.buffer, value.byteOffset, 0) : new Uint8Array(new ArrayBuffer(size), byteOffset, 0);
        try {
          c.byobRequest?.respondWithNewView(empty as Uint8Array<ArrayBuffer>);
        } catch {}
      },
      cancel(reason) {
        ended = true;
        return reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  ) as ReadableStream<Uint8Array>;
  return {
    stream,
    async release() {
      if (!ended) {
        ended = true;
        try {
          controller.close();
        } catch {}
      }
      await reader.cancel().catch(() => {});
    },
  };
}

/**
 * The default-stream wrapper, pulling one chunk of the source per read of ours (nothing is read ahead). The
 * pull hands back the read's own promise, with no async function per chunk.
 */
function ownChunks(source: ReadableStream<Uint8Array>): OwnedReadable {
  const reader = source.getReader();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let ended = false;
  const onRead = ({ done, value }: ReadableStreamReadResult<Uint8Array>) => {
    if (ended) return;
    if (done) {
      ended = true;
      controller.close();
    } else controller.enqueue(value);
  };
  const onError = (error: unknown) => {
    if (ended) return;
    ended = true;
    controller.error(error);
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        return reader.read().then(onRead, onError);
      },
      cancel(reason) {
        ended = true;
        return reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
  markPlain(stream);
  return {
    stream,
    async release() {
      if (!ended) {
        ended = true;
        try {
          controller.close();
        } catch {}
      }
      await reader.cancel().catch(() => {});
    },
  };
}

/** A stdin that rejects writes with `BrokenPipeError` once the child has exited or closed the pipe. */
export interface GuardedStdin {
  readonly stream: WritableStream<Uint8Array>;
  /** Closes the child's end of the pipe; never rejects. */
  release(): Promise<void>;
}

/** Wraps the adapter's `sink`; `exited()` tells whether the child is gone. */
export function guardStdin(sink: WritableStream<Uint8Array>, args: readonly string[], exited: () => boolean): GuardedStdin {
  const writer = sink.getWriter();
  // Some runtimes (Deno) reject the writer's `closed` and `ready` promises when a write fails, and report them
  // as unhandled: both are caught here, `ready` again after every write, since a failure replaces it.
  const quiet = () => {};
  writer.closed.catch(quiet);
  writer.ready.catch(quiet);
  let released = false;
  const broken = (cause?: unknown) =>
    new BrokenPipeError(`Cannot write to the stdin of ${formatCommand(args)}: the process has exited or closed its stdin`, {
      cause,
    });
  const written = () => {
    writer.ready.catch(quiet);
  };
  const onWriteError = (error: unknown) => {
    writer.ready.catch(quiet);
    throw broken(error);
  };
  const stream = new WritableStream<Uint8Array>({
    // Not an async function: the write's own promise is handed back, one hop fewer per chunk.
    write(chunk) {
      if (released || exited()) throw broken();
      return writer.write(chunk).then(written, onWriteError);
    },
    async close() {
      released = true;
      await writer.close().catch(() => {});
    },
    async abort() {
      released = true;
      await writer.abort().catch(() => {});
    },
  });
  return {
    stream,
    async release() {
      if (released) return;
      released = true;
      await writer.close().catch(() => writer.abort().catch(() => {}));
    },
  };
}

/** Writes `input` (if any) to a child's stdin and closes it; a child that stops reading early is not an error. */
export function feed(stdin: GuardedStdin, input: string | Uint8Array | ReadableStream<Uint8Array> | undefined): void {
  const write = async () => {
    if (input === undefined) return;
    if (typeof input === "string" || input instanceof Uint8Array) {
      const writer = stdin.stream.getWriter();
      await writer.write(typeof input === "string" ? new TextEncoder().encode(input) : input);
      writer.releaseLock();
    } else {
      await input.pipeTo(stdin.stream, { preventClose: true });
    }
  };
  write().then(
    () => stdin.release(),
    () => stdin.release(),
  );
}
