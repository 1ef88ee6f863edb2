/**
 * A connected pair of Unix sockets, for `stderr: "stdout"`: Node has no pipe() or socketpair() API, so we
 * listen on a fresh abstract address (Linux: no file is created), connect, and keep both ends.
 */

import { randomBytes } from "node:crypto";
import { connect, createServer, type Socket } from "node:net";

/** Both ends of the pair: `childEnd` goes into the child's stdio, `parentEnd` is read by the caller. */
export interface SocketPair {
  childEnd: Socket;
  parentEnd: Socket;
}

/** Creates a connected socket pair. */
export async function socketPair(): Promise<SocketPair> {
  const server = createServer({ pauseOnConnect: true });
  const path = `\0anyproc-${process.pid}-${randomBytes(8).toString("hex")}`;
  try {
    const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, resolve);
    });
    const parentEnd = connect(path);
    parentEnd.on("error", () => {});
    const childEnd = await accepted;
    childEnd.on("error", () => {});
    return { childEnd, parentEnd };
  } finally {
    server.close();
  }
}
