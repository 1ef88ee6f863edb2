/**
 * A worker's stderr, from its pool's side: every chunk goes on to the caller's stderr as it arrives, and the
 * last bytes are kept while the worker starts, for the error of a worker that could not start.
 */
import { tail } from "../_format.js";
import { streamOf } from "../_streams.js";
import type { ReleasableStream } from "../adapter.js";

/** Bytes kept while a worker starts: enough UTF-8 for the 2000 characters `tail()` shows. */
const KEEP_BYTES = 8 * 1024;

/** Reads one worker's stderr pipe until it ends or is closed. */
export class StderrRelay {
  /** Resolves once the pipe has ended or been closed; never rejects. */
  readonly ended: Promise<void>;
  private kept: Uint8Array[] | null = [];
  private keptBytes = 0;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(
    private readonly source: ReadableStream<Uint8Array> | ReleasableStream,
    private readonly write: (chunk: Uint8Array) => void,
  ) {
    this.reader = streamOf(source).getReader();
    this.ended = this.pump();
  }

  /** Stops keeping what the worker writes (it has started); what it writes still goes on to the caller. */
  forget(): void {
    this.kept = null;
    this.keptBytes = 0;
  }

  /** The last lines kept (see `tail()`), or "" when there are none. */
  tail(): string {
    return this.kept ? tail(concat(this.kept, this.keptBytes)) : "";
  }

  /** Stops reading and closes the pipe; a process still writing to it gets EPIPE. */
  close(): void {
    if ("release" in this.source) void this.source.release();
    else void this.reader.cancel().catch(() => {});
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) return;
        this.keep(value);
        try {
          this.write(value);
        } catch {
          // The caller's own stderr is gone (EPIPE); its output is lost the same way.
        }
      }
    } catch {
      // The pipe failed or was closed: there is nothing more to read.
    }
  }

  private keep(chunk: Uint8Array): void {
    const kept = this.kept;
    if (!kept) return;
    // A copy: a chunk may be a view of a larger buffer the runtime read into.
    const copy = chunk.slice(Math.max(0, chunk.byteLength - KEEP_BYTES));
    kept.push(copy);
    this.keptBytes += copy.byteLength;
    while (kept.length > 1 && this.keptBytes - (kept[0] as Uint8Array).byteLength >= KEEP_BYTES) {
      this.keptBytes -= (kept.shift() as Uint8Array).byteLength;
    }
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
