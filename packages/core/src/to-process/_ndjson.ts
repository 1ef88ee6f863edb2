/** The toProcess wire format: one JSON message per line of text (JSON never contains a raw newline). */

/** Encodes one message as a line of JSON. */
export function frame(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}

/**
 * A listener for {@link WorkerChannel.read} that splits the text into lines and hands each parsed message
 * to `onMessage`, then calls `onEnd` once at the end of input. A partial last line is dropped; a line that
 * is not JSON ends the channel (the peer is not speaking the protocol).
 */
export function lineReader(onMessage: (message: unknown) => void, onEnd: () => void): (text: string | null) => void {
  let pending = "";
  let ended = false;
  return (text) => {
    if (ended) return;
    if (text === null) {
      ended = true;
      onEnd();
      return;
    }
    pending += text;
    let start = 0;
    for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
      const line = pending.slice(start, nl);
      start = nl + 1;
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        ended = true;
        onEnd();
        return;
      }
      onMessage(message);
      if (ended) return;
    }
    pending = start === pending.length ? "" : pending.slice(start);
  };
}
