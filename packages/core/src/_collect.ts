/**
 * Buffering a child's output for runProcess: reads concurrently with the child, enforces `maxBuffer`, and
 * after the child exits keeps reading only while data still arrives, so a grandchild holding the pipe
 * cannot delay the result while bytes already written are never lost.
 */

/**
 * After the child exited, collection stops once the pipe has been silent for this many consecutive ticks.
 * Ticks, not a deadline: a tick is one timer turn of the event loop, and the loop polls the pipe between
 * two turns, so time during which the loop was blocked (a synchronous spawn, a busy callback) never counts
 * as silence and bytes already in the pipe are always read first.
 */
export const EXIT_IDLE_TICKS = 20;
/** The length of one tick, in milliseconds: silence must last about 200 ms of a running event loop (100 ms still lost output on Deno about once in a thousand calls under 200 concurrent spawns). */
export const EXIT_TICK_MS = 10;

/** Collects one stream. */
export class Collector {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private reads = 0;
  /** True when more than `maxBuffer` bytes arrived. */
  overflowed = false;
  /** Settles when reading has stopped (EOF, overflow, error or release); never rejects. */
  readonly done: Promise<void>;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(
    stream: ReadableStream<Uint8Array>,
    private readonly maxBuffer: number,
    private readonly onOverflow: () => void,
  ) {
    this.reader = stream.getReader();
    this.done = this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) return;
        this.reads++;
        const room = this.maxBuffer - this.length;
        if (value.byteLength > room) {
          if (room > 0) this.push(value.subarray(0, room));
          this.overflowed = true;
          this.onOverflow();
          await this.reader.cancel().catch(() => {});
          return;
        }
        this.push(value);
      }
    } catch {
      // The pipe was torn down (released, or the runtime reported a read error): keep what arrived.
    }
  }

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.length += chunk.byteLength;
  }

  /** Called once the child has exited: waits for EOF, or until the pipe stays silent for {@link EXIT_IDLE_TICKS}. */
  async settle(): Promise<void> {
    let finished = false;
    void this.done.then(() => (finished = true));
    let seen = this.reads;
    for (let idle = 0; !finished && idle < EXIT_IDLE_TICKS; ) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_TICK_MS)))]);
      clearTimeout(timer);
      if (this.reads !== seen) {
        seen = this.reads;
        idle = 0;
      } else idle++;
    }
    if (!finished) await this.release();
  }

  /** Stops reading and closes the pipe. */
  async release(): Promise<void> {
    await this.reader.cancel().catch(() => {});
    await this.done;
  }

  /** The collected bytes as one array (no copy when there was a single chunk). */
  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}
