/**
 * Reading a byte stream as text: one stateful UTF-8 decoder per stream, so a character split across
 * chunks is never replaced by U+FFFD, and a leading U+FEFF (BOM) is kept as the text it is.
 *
 * A byte stream (Deno's pipes) is read with a BYOB reader into one reused buffer, which each chunk is
 * decoded out of before the next read: no memory per chunk. Any other stream is read with its default reader.
 */

import { byobReader } from "./_byob.js";

/** A UTF-8 decoder that keeps a leading BOM (TextDecoder drops it by default); every output decode uses it. */
export const utf8Decoder = (): TextDecoder => new TextDecoder("utf-8", { ignoreBOM: true });

/** Bytes of the buffer a byte stream is read into (a pipe delivers at most 64 KiB per read). */
const READ_BUFFER = 64 * 1024;

/** A locked stream's chunks: each valid until the next `read`; null at the end. */
interface Chunks {
  read(): Promise<Uint8Array | null>;
  cancel(): Promise<void>;
  releaseLock(): void;
}

/** Locks `stream` and reads it: BYOB into one reused buffer where it is a byte stream, else by its default reader. */
function chunksOf(stream: ReadableStream<Uint8Array>): Chunks {
  const byob = byobReader(stream);
  if (!byob) {
    // Not a byte stream (or locked: getReader throws the TypeError).
    const reader = stream.getReader();
    const onRead = ({ done, value }: ReadableStreamReadResult<Uint8Array>) => (done ? null : value);
    return {
      read: () => reader.read().then(onRead),
      cancel: () => reader.cancel(),
      releaseLock: () => reader.releaseLock(),
    };
  }
  let buffer = new ArrayBuffer(READ_BUFFER);
  // The buffer comes back with each read (transferred): keep it for the next.
  const onRead = ({ done, value }: ReadableStreamReadResult<Uint8Array>) => {
    if (value) buffer = value.buffer as ArrayBuffer;
    return done ? null : (value as Uint8Array);
  };
  return {
    read: () => byob.read(new Uint8Array(buffer)).then(onRead),
    cancel: () => byob.cancel(),
    releaseLock: () => byob.releaseLock(),
  };
}

/** Reads `stream` to its end and decodes it as UTF-8. */
export async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = utf8Decoder();
  let out = "";
  const chunks = chunksOf(stream);
  try {
    for (let chunk = await chunks.read(); chunk !== null; chunk = await chunks.read()) out += decoder.decode(chunk, { stream: true });
  } finally {
    chunks.releaseLock();
  }
  return out + decoder.decode();
}

/**
 * Yields the lines of `stream` decoded as UTF-8, without their `\n` or `\r\n` terminator.
 * A last line without a terminator is yielded too; an empty stream yields nothing.
 * Breaking out of the loop cancels the stream.
 */
export function lines(stream: ReadableStream<Uint8Array>): AsyncIterable<string> {
  return new LineIterator(stream);
}

/**
 * The iterator of {@link lines}: each chunk is decoded once, and its lines are handed out one `next()` at a
 * time from the decoded text, each in an already resolved promise; only a `next()` that finds no whole line
 * left waits for a read. The stream is locked on the first `next()`, released at its end, on an error, or
 * by `return()` (a loop's `break`), which cancels it unless it had ended. `next()` calls made while one
 * waits are answered in order.
 */
class LineIterator implements AsyncIterableIterator<string> {
  readonly #stream: ReadableStream<Uint8Array>;
  #chunks: Chunks | null = null;
  readonly #decoder = utf8Decoder();
  /** Decoded text whose lines from `#start` on are not handed out yet. */
  #text = "";
  #start = 0;
  /** The stream has ended (or failed, or was cancelled): `#text` is all there is left. */
  #ended = false;
  /** The read a `next()` waits for, if any. */
  #reading: Promise<void> | null = null;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#stream = stream;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<string>> {
    const reading = this.#reading;
    if (reading !== null) {
      const again = () => this.next();
      return reading.then(again, again);
    }
    const line = this.#take();
    if (line !== undefined) return Promise.resolve({ value: line, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    const filled = this.#fill();
    this.#reading = filled;
    return filled.then(
      () => {
        this.#reading = null;
        return this.next();
      },
      (error: unknown) => {
        this.#reading = null;
        throw error;
      },
    );
  }

  async return(value?: unknown): Promise<IteratorResult<string>> {
    if (this.#reading !== null) await this.#reading.catch(() => {});
    const chunks = this.#chunks;
    if (!this.#ended) {
      this.#ended = true;
      this.#text = "";
      this.#start = 0;
      if (chunks !== null) {
        await chunks.cancel().catch(() => {});
        chunks.releaseLock();
      }
    }
    return { value: value as undefined, done: true };
  }

  /** The next whole line of `#text`, or at the end the last one without terminator; undefined when there is none. */
  #take(): string | undefined {
    const text = this.#text;
    const start = this.#start;
    const nl = text.indexOf("\n", start);
    if (nl !== -1) {
      this.#start = nl + 1;
      return text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
    }
    if (!this.#ended || start === text.length) return undefined;
    this.#start = text.length;
    return start === 0 ? text : text.slice(start);
  }

  /** Reads until `#text` holds a whole line or the stream ends; rejects with the stream's error, and then ends. */
  async #fill(): Promise<void> {
    this.#chunks ??= chunksOf(this.#stream);
    const chunks = this.#chunks;
    let rest = this.#text.slice(this.#start);
    this.#start = 0;
    try {
      for (;;) {
        const chunk = await chunks.read();
        if (chunk === null) {
          this.#ended = true;
          this.#text = rest + this.#decoder.decode();
          chunks.releaseLock();
          return;
        }
        const decoded = this.#decoder.decode(chunk, { stream: true });
        if (decoded.includes("\n")) {
          this.#text = rest + decoded;
          return;
        }
        rest += decoded;
      }
    } catch (error) {
      this.#ended = true;
      this.#text = "";
      chunks.releaseLock();
      throw error;
    }
  }
}
