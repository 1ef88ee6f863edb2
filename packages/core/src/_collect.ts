/**
 * Buffering a child's output for runProcess: reads concurrently with the child, enforces `maxBuffer`, and
 * after the child exits keeps reading only while data still arrives, so a grandchild holding the pipe
 * cannot delay the result while bytes already written are never lost.
 */

import { byobReader } from "./_byob.js";
import { ByteStore } from "./_byte-store.js";
import { utf8Decoder } from "./decode.js";

/**
 * After the child exited, collection stops once the pipe has been silent for this many consecutive ticks.
 * Ticks, not a deadline: a tick is one timer turn of the event loop, and the loop polls the pipe between
 * two turns, so time during which the loop was blocked (a synchronous spawn, a busy callback) never counts
 * as silence. The count is generous because that is not quite enough on Deno: at the start of a burst of
 * concurrent spawns, a pipe read can stay pending through many timer turns while its bytes are already in
 * the pipe (the soak lane's concurrent phase checks that no child's output is lost).
 */
export const EXIT_IDLE_TICKS = 50;
/** The length of one tick, in milliseconds. */
export const EXIT_TICK_MS = 10;

/** Bytes of the buffer a byte stream is read into, reused for every read. */
const READ_BUFFER = 64 * 1024;

/**
 * Collects one stream. A byte stream (Deno's pipes are) is read with a BYOB reader into one reused buffer,
 * which is much faster there than taking a fresh chunk per read; each read is then copied once into the
 * {@link ByteStore}. Other streams hand over their chunks, which the store keeps or copies once.
 */
export class Collector {
  private readonly store: ByteStore;
  private reads = 0;
  /** Set when reading has stopped, before {@link done} settles. */
  private ended = false;
  /** True when more than `maxBuffer` bytes arrived. */
  overflowed = false;
  /** Settles when reading has stopped (EOF, overflow, error or release); never rejects. */
  readonly done: Promise<void>;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | ReadableStreamBYOBReader;

  constructor(
    stream: ReadableStream<Uint8Array>,
    private readonly maxBuffer: number,
    private readonly onOverflow: () => void,
  ) {
    this.store = new ByteStore(maxBuffer);
    this.reader = byobReader(stream) ?? stream.getReader();
    this.done = this.reader instanceof ReadableStreamDefaultReader ? this.pump(this.reader) : this.pumpBytes(this.reader);
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (!this.take(value, true)) return await this.reader.cancel().catch(() => {});
      }
    } catch {
      // The pipe was torn down (released, or the runtime reported a read error): keep what arrived.
    } finally {
      this.ended = true;
    }
  }

  private async pumpBytes(reader: ReadableStreamBYOBReader): Promise<void> {
    let buffer = new ArrayBuffer(READ_BUFFER);
    try {
      for (;;) {
        const { done, value } = await reader.read(new Uint8Array(buffer));
        if (done || !value) return;
        if (!this.take(value, false)) return await this.reader.cancel().catch(() => {});
        buffer = value.buffer as ArrayBuffer;
      }
    } catch {
      // As in pump().
    } finally {
      this.ended = true;
    }
  }

  /** Stores `value`; false once maxBuffer was exceeded (the caller then cancels the stream). */
  private take(value: Uint8Array, owned: boolean): boolean {
    this.reads++;
    const room = this.maxBuffer - this.store.length;
    if (value.byteLength > room) {
      if (room > 0) this.store.add(value.subarray(0, room), owned);
      this.overflowed = true;
      this.onOverflow();
      return false;
    }
    this.store.add(value, owned);
    return true;
  }

  /**
   * Called once the child has exited: waits for EOF, or until the pipe stays silent for {@link EXIT_IDLE_TICKS}.
   * Usually EOF came with the exit and no timer is made.
   */
  async settle(): Promise<void> {
    if (this.ended) return;
    let seen = this.reads;
    for (let idle = 0; !this.ended && idle < EXIT_IDLE_TICKS; ) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_TICK_MS)))]);
      clearTimeout(timer);
      if (this.reads !== seen) {
        seen = this.reads;
        idle = 0;
      } else idle++;
    }
    if (!this.ended) await this.release();
  }

  /** Stops reading and closes the pipe. */
  async release(): Promise<void> {
    await this.reader.cancel().catch(() => {});
    await this.done;
  }

  /** The collected bytes as one array (see {@link ByteStore.bytes}). */
  bytes(): Uint8Array {
    return this.store.bytes();
  }
}

/**
 * The output of one stream as the call returns it, for `encoding`. Nothing is allocated for a stream that was
 * not captured or stayed empty: on Node every allocation between two spawns makes the next fork slower (it
 * copies and write-protects the pages touched).
 */
export function collected(encoding: "utf8" | "bytes", c: Collector | null): string | Uint8Array {
  if (encoding === "bytes") return c ? c.bytes() : new Uint8Array(0);
  const bytes = c?.bytes();
  return bytes === undefined || bytes.byteLength === 0 ? "" : utf8Decoder().decode(bytes);
}
