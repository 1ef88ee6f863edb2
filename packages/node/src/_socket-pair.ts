/**
 * A connected pair of Unix sockets, for `stderr: "stdout"` and `reuseReadBuffer`: Node has no pipe() or
 * socketpair() API, so we listen on a fresh address (abstract on Linux, a socket file in a private folder
 * elsewhere: see @anyproc/channel's `newSocketAddress`), connect, keep both ends and stop listening.
 *
 * An abstract address has no permissions: any local process that lists /proc/net/unix could connect to it
 * before we do, and the child's output would go to that process. So our end opens with a random token, and
 * only the accepted connection that shows it becomes the child's end; every other one is closed.
 */

import { connect, createServer, type OnReadOpts, type Server, type Socket } from "node:net";
import { newSocketAddress, randomSecret, sameSecret } from "@anyproc/channel";

/** Bytes of the token our end sends first. */
const TOKEN_LENGTH = 16;

/** Both ends of the pair: `childEnd` goes into the child's stdio, `parentEnd` is read by the caller. */
export interface SocketPair {
  childEnd: Socket;
  parentEnd: Socket;
}

/**
 * Creates a connected socket pair whose `childEnd` is the connection our `parentEnd` made; `onread` (see
 * `net.Socket`) makes `parentEnd` read into the caller's buffer. With `unread`, `parentEnd` never reads:
 * it is paused before it connects, so node:net never starts reading it, and is only passed on to a child.
 */
export async function socketPair(onread?: OnReadOpts, unread = false): Promise<SocketPair> {
  const server = createServer({ pauseOnConnect: true });
  const address = newSocketAddress("s");
  const path = address.path;
  const token = randomSecret(TOKEN_LENGTH);
  const strangers: Socket[] = [];
  let parentEnd: Socket | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, resolve);
    });
    const accepted = acceptShowing(server, token, strangers);
    parentEnd = connect(onread ? { path, onread } : { path });
    if (unread) parentEnd.pause();
    parentEnd.on("error", () => {});
    parentEnd.write(token);
    const failed = new Promise<never>((_, reject) =>
      (parentEnd as Socket).once("close", () => reject(new Error("the socket pair's connection closed before it was accepted"))),
    );
    const childEnd = await Promise.race([accepted, failed]);
    childEnd.on("error", () => {});
    return { childEnd, parentEnd };
  } catch (error) {
    parentEnd?.destroy();
    throw error;
  } finally {
    server.close();
    address.release();
    for (const socket of strangers) socket.destroy();
  }
}

/** The first connection to `server` whose first bytes are `token`; every connection stays in `strangers` until it shows it. */
export function acceptShowing(server: Server, token: Uint8Array, strangers: Socket[]): Promise<Socket> {
  return new Promise((resolve) => {
    server.on("connection", (socket: Socket) => {
      socket.on("error", () => {});
      const onReadable = () => {
        const shown = socket.read(TOKEN_LENGTH) as Buffer | null;
        if (shown === null) return;
        socket.off("readable", onReadable);
        if (!sameSecret(shown, token)) return;
        strangers.splice(strangers.indexOf(socket), 1);
        socket.pause();
        resolve(socket);
      };
      socket.on("readable", onReadable);
      strangers.push(socket);
    });
  });
}
