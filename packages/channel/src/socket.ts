/**
 * The toProcess worker channel: a Unix socket on an abstract address (Linux; no file to create or clean
 * up), through node:net, which Node, Bun and Deno all implement. Measured round trip of a 1-byte echo:
 * Bun 25 µs, Deno 61 µs, Node 70 µs.
 */

import { randomBytes } from "node:crypto";
import { connect, createServer, type Socket } from "node:net";
import { availableParallelism } from "node:os";
import process from "node:process";
import { type ChannelListener, type ScriptSupport, serveWorker, type WorkerChannel, type WorkerSupport } from "@anyproc/core";

/** The abstract-namespace socket path for a pool address (the env-safe name without the leading NUL). */
const abstractPath = (address: string) => `\0${address}`;

/** Wraps a connected socket as a core {@link WorkerChannel}. */
export function socketChannel(socket: Socket): WorkerChannel {
  socket.on("error", () => {});
  socket.setEncoding("utf8");
  return {
    read(listener) {
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        listener(null);
      };
      socket.on("data", (text: string) => listener(text));
      socket.once("end", end);
      socket.once("close", end);
    },
    write(text) {
      if (socket.writable) socket.write(text);
    },
    end: () =>
      new Promise<void>((resolve) => {
        if (!socket.writable) return resolve();
        socket.once("close", () => resolve());
        socket.end(() => resolve());
      }),
    ref: (keep) => void (keep ? socket.ref() : socket.unref()),
    close: () => void socket.destroy(),
  };
}

/** Listens on a fresh abstract address; the listener never keeps the event loop alive. */
export async function listenChannel(): Promise<ChannelListener> {
  const address = `anyproc-pool-${process.pid}-${randomBytes(8).toString("hex")}`;
  const server = createServer({ allowHalfOpen: true });
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
}

/**
 * Builds an adapter's {@link ScriptSupport} from `runtimeArgv` (the runtime executable and the flags a script
 * needs) and `dist`, the folder of its built package (holding `index.js`), resolved when first read.
 */
export function scriptSupport(runtimeArgv: () => string[], dist: () => URL): ScriptSupport {
  return {
    get module() {
      return new URL("index.js", dist()).href;
    },
    argv: (path) => [...runtimeArgv(), path],
  };
}

/** How an adapter starts its workers: see {@link workerSupport}. */
export interface WorkerLaunch {
  /** The runtime executable and the flags that make it run the ES module it reads from stdin. */
  readonly stdinArgv: () => string[];
  /** The worker's program: the adapter's bundled worker entry (a call of {@link runWorker}). */
  readonly program: string;
  /**
   * True in a single-file binary (`bun build --compile`, `deno compile`): its executable runs only the program
   * built into it, so a worker is the binary itself, which serves calls as its anyproc entry is imported.
   */
  readonly standalone: () => boolean;
}

/** Builds an adapter's {@link WorkerSupport} from how it launches a worker. */
export function workerSupport(launch: WorkerLaunch): WorkerSupport {
  return {
    listen: listenChannel,
    command: () => (launch.standalone() ? { argv: [process.execPath] } : { argv: launch.stdinArgv(), program: launch.program }),
    parallelism: () => availableParallelism(),
    unrefTimer: (timer) => {
      if (typeof timer === "object" && timer !== null && "unref" in timer) (timer as { unref(): void }).unref();
      else (globalThis as { Deno?: { unrefTimer(id: number): void } }).Deno?.unrefTimer(timer as unknown as number);
    },
  };
}

/** True when this process was started as a toProcess worker and has not begun serving yet. */
export function startedAsWorker(): boolean {
  return process.env.ANYPROC_WORKER_ADDRESS !== undefined;
}

/**
 * The body of a worker: connect back to the pool named in the environment, serve calls, and exit when the
 * pool closes the channel or dies. The variables are removed first, so that nothing the worker starts
 * inherits them. The socket is half-open, so when the pool ends its side the call in progress still sends
 * its reply. A dead caller closes the socket, so no worker outlives it for longer than the call it is
 * running (a synchronous call cannot be interrupted short of a signal).
 */
export async function runWorker(typescriptHint?: string): Promise<never> {
  const address = process.env.ANYPROC_WORKER_ADDRESS;
  const token = process.env.ANYPROC_WORKER_TOKEN;
  delete process.env.ANYPROC_WORKER_ADDRESS;
  delete process.env.ANYPROC_WORKER_TOKEN;
  if (!address || !token) {
    console.error("anyproc worker: started without ANYPROC_WORKER_ADDRESS and ANYPROC_WORKER_TOKEN");
    process.exit(2);
  }
  const socket = connect({ path: abstractPath(address), allowHalfOpen: true });
  let connected = false;
  socket.on("error", (error) => {
    // Before the connection this is why the worker could not start (the pool shows it); after, the caller is gone.
    if (!connected) console.error(`anyproc worker: could not connect to its pool: ${error.message}`);
    process.exit(1);
  });
  const channel = new Promise<WorkerChannel>((resolve) =>
    socket.once("connect", () => {
      connected = true;
      resolve(socketChannel(socket));
    }),
  );
  await serveWorker(channel, token, typescriptHint);
  process.exit(0);
}
