/**
 * BYOB readers without a thrown error per stream that is not a byte stream. Asking a plain stream for a BYOB
 * reader throws a TypeError, and Node builds that error's message with `util.inspect` of the stream: about
 * 45 µs per stream on Node 20, and 6 ms for the first one, which loads the inspector's code. Streams known not
 * to be byte streams (an adapter's pipe whose {@link ReleasableStream.bytes} is false, core's own chunk
 * streams) are remembered here and get no BYOB attempt.
 */
import type { ReleasableStream } from "./adapter.js";

/** Streams that are not byte streams. Weak: a stream is forgotten with its last reference. */
const plainStreams = new WeakSet<ReadableStream<Uint8Array>>();

/** Records that `stream` is not a byte stream, so that {@link byobReader} does not try it. */
export function markPlain(stream: ReadableStream<Uint8Array>): void {
  plainStreams.add(stream);
}

/** Records an adapter's pipe that says it is not a byte stream (see {@link ReleasableStream.bytes}). */
export function notePipe(pipe: ReleasableStream): void {
  if (pipe.bytes === false) plainStreams.add(pipe.stream);
}

/**
 * A BYOB reader of `stream` when it is a byte stream, else null (also when it is locked: the default reader the
 * caller asks for next then throws the TypeError).
 */
export function byobReader(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  if (plainStreams.has(stream)) return null;
  try {
    return stream.getReader({ mode: "byob" });
  } catch {
    plainStreams.add(stream);
    return null;
  }
}
