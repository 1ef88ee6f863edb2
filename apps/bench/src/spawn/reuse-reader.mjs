// A native reader that allocates nothing per read, for the peak-memory figure (reported, not budgeted): the
// child's stdout is one end of a Unix socket pair made with node:net (listen on a fresh abstract address,
// connect), and the other end is read through `onread`, which hands every read in one reused buffer. Node
// and Bun both offer it; it costs a listen and a connect per spawn, which is why anyproc has it only as an
// opt-in (@anyproc/node's `createAdapter({ reuseReadBuffer: true })`).
import { randomBytes } from "node:crypto";
import { connect, createServer } from "node:net";

const READ_BUFFER = 64 * 1024;

/**
 * Starts a child with `start(childEnd)` (which must put the socket into the child's stdout and resolve at its
 * exit) and counts the bytes read until EOF, every read landing in the same buffer.
 */
export async function readThroughOneBuffer(start) {
  const server = createServer({ pauseOnConnect: true });
  const path = `\0anyproc-bench-${process.pid}-${randomBytes(8).toString("hex")}`;
  const accepted = new Promise((resolve) => server.once("connection", resolve));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, resolve);
  });
  let bytes = 0;
  const parentEnd = connect({ path, onread: { buffer: Buffer.allocUnsafe(READ_BUFFER), callback: (n) => void (bytes += n) } });
  const childEnd = await accepted;
  server.close();
  const ended = new Promise((resolve, reject) => {
    parentEnd.once("end", resolve);
    parentEnd.once("error", reject);
  });
  let exited;
  try {
    exited = start(childEnd);
  } finally {
    childEnd.destroy();
  }
  await Promise.all([ended, exited]);
  parentEnd.destroy();
  return bytes;
}
