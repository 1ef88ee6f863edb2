/**
 * toProcess support on Node.js: workers are `node` processes running ./worker.js, which connects back over
 * a Unix socket on an abstract address (Linux: no file to clean up). The channel never keeps the caller
 * alive by itself; core refs it only while a call runs.
 */
import { createServer, type Socket } from "node:net";
import { availableParallelism } from "node:os";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { ByteChannel, WorkerSupport } from "@anyproc/core";
import { readableToWeb, writableToWeb } from "./_streams.js";

/** Flags of the caller that a worker needs to import the same modules (TypeScript stripping, conditions). */
const INHERITED_FLAGS = /^--(experimental-strip-types|experimental-transform-types|no-experimental-strip-types|conditions[= ]|no-warnings)/;

/** Wraps a connected socket as a core {@link ByteChannel}. */
export function socketChannel(socket: Socket): ByteChannel {
  socket.setNoDelay?.(true);
  return {
    readable: readableToWeb(socket),
    writable: writableToWeb(socket),
    ref: (keep) => void (keep ? socket.ref() : socket.unref()),
    close: () => void socket.destroy(),
  };
}

/** The abstract-namespace socket path for a pool address (an env-safe name without the leading NUL). */
export const abstractPath = (address: string) => `\0${address}`;

/** The Node.js implementation of {@link WorkerSupport}. */
export const workers: WorkerSupport = {
  async listen() {
    const address = `anyproc-pool-${process.pid}-${randomBytes(8).toString("hex")}`;
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(abstractPath(address), resolve);
    });
    server.unref();
    return {
      address,
      onConnection: (handler) => void server.on("connection", (socket) => handler(socketChannel(socket))),
      close: () => void server.close(),
    };
  },
  workerArgv: () => [
    process.execPath,
    ...process.execArgv.filter((flag) => INHERITED_FLAGS.test(flag)),
    fileURLToPath(new URL("../dist/worker.js", import.meta.url)),
  ],
  parallelism: () => availableParallelism(),
  unrefTimer: (timer) => void timer.unref(),
};
