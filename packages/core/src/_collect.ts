/**
 * Buffering a child's output for runProcess: reads concurrently with the child, enforces `maxBuffer`, and
 * after the child exits keeps reading only while data still arrives, so a grandchild holding the pipe
 * cannot delay the result while bytes already written are never lost.
 */

/** How long the pipe may stay silent after the child exited before collection stops. */
export const EXIT_IDLE_MS = 100;

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

  /** Called once the child has exited: waits for EOF, or until the pipe stays idle for {@link EXIT_IDLE_MS}. */
  async settle(): Promise<void> {
    let seen = -1;
    let finished = false;
    void this.done.then(() => (finished = true));
    while (!finished && seen !== this.reads) {
      seen = this.reads;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_IDLE_MS)))]);
      clearTimeout(timer);
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
