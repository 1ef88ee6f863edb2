/**
 * `stderr: "stdout"` on Windows, which has no `pipe2` to call through bun:ffi and no `/bin/sh`: the caller listens
 * on a fresh named pipe (@anyproc/channel's `newSocketAddress`), opens its client end with node:fs (a plain
 * synchronous handle, not inheritable) and passes that descriptor to Bun.spawn as fd 1 and fd 2, which
 * Bun takes on Windows as on POSIX. libuv duplicates the one handle into both slots, so the child writes both
 * streams into one pipe and the order of its writes is exact. The caller reads the connection it accepted; it
 * ends when the last copy of the client end closes (the child and whatever inherited its stdout). The child is
 * the program itself, not a shell, so its pid, exit status and termination are its own.
 *
 * A named pipe's default security lets other local users connect to it, and such a connection would be accepted
 * like ours. So the client end first writes a random token, and only the connection that shows it is read; every
 * other one is closed.
 */
import { constants, openSync, writeSync } from "node:fs";
import type { Server, Socket } from "node:net";
import { newSocketAddress, randomSecret, sameSecret } from "@anyproc/channel";
import { closeFd } from "./_pipe.js";

/** Bytes of the token the client end writes first. */
const TOKEN_LENGTH = 16;

/** A connected named pipe: `writeFd` goes into the child's stdio, the caller reads `readEnd`. */
export interface NamedPipe {
  /** The client end, opened for writing; the caller closes its own copy once the child has one. */
  readonly writeFd: number;
  /** The connection the server accepted from `writeFd`, paused, the token already read from it. */
  readonly readEnd: Socket;
}

/** Makes a connected named pipe; rejects with node:net's or node:fs's error when Windows refuses one. */
export async function openNamedPipe(): Promise<NamedPipe> {
  // Loaded here, on Windows only, not when the adapter is imported (node:net is costly to load on Bun).
  const { createServer } = await import("node:net");
  const address = newSocketAddress("m");
  const server = createServer({ pauseOnConnect: true });
  const token = randomSecret(TOKEN_LENGTH);
  const strangers = new Set<Socket>();
  let writeFd: number | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(address.path, resolve);
    });
    const accepted = acceptShowing(server, token, strangers);
    // Write access, opening what exists: a pipe client must not ask to create or truncate (OPEN_EXISTING).
    writeFd = openSync(address.path, constants.O_WRONLY);
    writeSync(writeFd, token);
    return { writeFd, readEnd: await accepted };
  } catch (error) {
    if (writeFd !== null) closeFd(writeFd);
    throw error;
  } finally {
    server.close();
    address.release();
    for (const socket of strangers) socket.destroy();
  }
}

/** The first connection to `server` whose first bytes are `token`; the others stay in `strangers`. */
function acceptShowing(server: Server, token: Uint8Array, strangers: Set<Socket>): Promise<Socket> {
  return new Promise((resolve) => {
    server.on("connection", (socket: Socket) => {
      strangers.add(socket);
      socket.on("error", () => {});
      let shown = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        shown = Buffer.concat([shown, chunk]);
        if (shown.length < TOKEN_LENGTH) return;
        socket.off("data", onData);
        socket.pause();
        if (!sameSecret(shown.subarray(0, TOKEN_LENGTH), token)) return;
        // Nothing follows the token before the child starts, but keep anything that did.
        if (shown.length > TOKEN_LENGTH) socket.unshift(shown.subarray(TOKEN_LENGTH));
        strangers.delete(socket);
        resolve(socket);
      };
      socket.on("data", onData);
      socket.resume();
    });
  });
}

/** `socket` as a web stream, read only as fast as it is pulled; the socket is destroyed once the stream is cancelled. */
export function socketReadable(socket: Socket): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = (error?: unknown) => {
          if (!open) return;
          open = false;
          if (error === undefined) controller.close();
          else controller.error(error);
        };
        socket.on("data", (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) socket.pause();
        });
        socket.once("end", () => finish());
        socket.once("error", (error) => finish(error));
        socket.once("close", () => finish());
      },
      pull() {
        socket.resume();
      },
      cancel() {
        open = false;
        socket.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
