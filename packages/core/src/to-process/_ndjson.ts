/** The toProcess wire format: one JSON message per line over a byte stream (JSON never contains a raw newline). */

const encoder = new TextEncoder();

/** Encodes one message as a line of UTF-8 JSON. */
export function frame(message: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(message)}\n`);
}

/** Yields the messages of a stream of {@link frame}s; a partial last line is ignored. */
export async function* messages(stream: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let pending = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      pending += decoder.decode(value, { stream: true });
      let start = 0;
      for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
        yield JSON.parse(pending.slice(start, nl));
        start = nl + 1;
      }
      pending = pending.slice(start);
    }
  } finally {
    reader.releaseLock();
  }
}
