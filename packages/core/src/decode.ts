/**
 * Reading a byte stream as text: one stateful UTF-8 decoder per stream, so a character split across
 * chunks is never replaced by U+FFFD, and a leading U+FEFF (BOM) is kept as the text it is.
 */

/** A UTF-8 decoder that keeps a leading BOM (TextDecoder drops it by default); every output decode uses it. */
export const utf8Decoder = (): TextDecoder => new TextDecoder("utf-8", { ignoreBOM: true });

/** Reads `stream` to its end and decodes it as UTF-8. */
export async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = utf8Decoder();
  let out = "";
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
  return out + decoder.decode();
}

/**
 * Yields the lines of `stream` decoded as UTF-8, without their `\n` or `\r\n` terminator.
 * A last line without a terminator is yielded too; an empty stream yields nothing.
 * Breaking out of the loop cancels the stream.
 */
export async function* lines(stream: ReadableStream<Uint8Array>): AsyncIterable<string> {
  const decoder = utf8Decoder();
  const reader = stream.getReader();
  let pending = "";
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let start = 0;
      for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
        const end = nl > start && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield pending.slice(start, end);
        start = nl + 1;
      }
      pending = pending.slice(start);
      if (done) break;
    }
    finished = true;
    if (pending !== "") yield pending;
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
