/**
 * The child's stdin with Deno's failure modes contained: once the child has closed its end, Deno rejects
 * writes with `BrokenPipe` (code `EPIPE`) and also rejects the writer's `closed`/`ready` promises, which
 * crash the host as unhandled rejections unless something catches them. Here every internal promise is
 * caught; the failure reaches the caller only as the rejection of the write it made.
 */

/** Wraps Deno's `child.stdin`: writes reject on a broken pipe, `close()` closes it, `abort()` aborts it. */
export function guardStdin(sink: WritableStream<Uint8Array>): WritableStream<Uint8Array> {
  const writer = sink.getWriter();
  writer.closed.catch(() => {});
  writer.ready.catch(() => {});
  return new WritableStream<Uint8Array>({
    async write(chunk) {
      try {
        await writer.write(chunk);
      } finally {
        writer.ready.catch(() => {});
      }
    },
    async close() {
      // Closing a pipe the child already broke has nothing left to do.
      await writer.close().catch(() => {});
    },
    async abort(reason) {
      await writer.abort(reason).catch(() => {});
    },
  });
}
