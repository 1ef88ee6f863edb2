/**
 * The toProcess worker channel: a Unix socket (an abstract address on Linux, a socket file in a private
 * folder elsewhere: see ./socket-address.ts) through node:net, which Node, Bun and Deno all implement. Each
 * worker proves itself with its pool's token before it gets a call (core's `serveWorker`).
 */

import type { Socket } from "node:net";
import { availableParallelism } from "node:os";
import {
  type ChannelListener,
  type ScriptSupport,
  serveWorker,
  WORKER_VARIABLES,
  type WorkerChannel,
  type WorkerSupport,
} from "@anyproc/core";
import { floorError, type RuntimeFloor } from "./runtime-floor.js";
import { newSocketAddress, socketPath } from "./socket-address.js";
import { startedAsWorker } from "./worker-marker.js";

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

/**
 * Listens on a fresh address; the listener never keeps the event loop alive. Where the address is a socket
 * file, `onCallerExit` removes it when the caller ends, by a signal too, while the listener is open.
 */
export async function listenChannel(onCallerExit?: WorkerLaunch["onCallerExit"]): Promise<ChannelListener> {
  // node:net is loaded by the first pool, not when the package is imported: loading it is a large part of a
  // cold start on Bun (docs/performance.md, "Results: cold start").
  const { createServer } = await import("node:net");
  const address = newSocketAddress("p");
  const server = createServer({ allowHalfOpen: true });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(address.path, resolve);
    });
  } catch (error) {
    address.release();
    throw error;
  }
  server.unref();
  const unhook = address.text === address.path ? onCallerExit?.(() => address.release()) : undefined;
  return {
    address: address.text,
    onConnection: (handler) => void server.on("connection", (socket) => handler(socketChannel(socket))),
    close: () => {
      server.close();
      address.release();
      unhook?.();
    },
  };
}

/**
 * Builds an adapter's {@link ScriptSupport} from `runtimeArgv` (the runtime executable and the flags a script
 * needs).
 */
export function scriptSupport(runtimeArgv: () => string[]): ScriptSupport {
  return {
    argv: (path) => [...runtimeArgv(), path],
  };
}

/** How an adapter starts its workers: see {@link workerSupport}. */
export interface WorkerLaunch {
  /** The runtime executable and the flags that make it run the ES module it reads from stdin. */
  readonly stdinArgv: () => string[];
  /**
   * Loads the worker's program: the adapter's bundled worker entry (a call of {@link runWorker}), kept in a
   * module of its own so that only a process that starts workers loads it.
   */
  readonly program: () => Promise<string>;
  /**
   * True in a single-file binary (`bun build --compile`, `deno compile`, a Node single executable application):
   * its executable runs only the program built into it, so a worker is the binary itself, which serves calls
   * as its anyproc entry is imported (see {@link serveIfStartedAsWorker}).
   */
  readonly standalone: () => boolean;
  /**
   * Whether this process may read the variables that mark a worker (Deno needs env permission for them);
   * always true when omitted. A binary that cannot read them cannot tell that it was started as a worker, so
   * it never starts itself as one.
   */
  readonly markerReadable?: () => boolean;
  /** Whether a worker can import a TypeScript module; true when omitted (Bun and Deno run TypeScript). */
  readonly typescript?: boolean;
  /** Why a TypeScript module may fail to import on this runtime, added to the error of such an import. */
  readonly typescriptHint?: string;
  /** The adapter's caller-exit hook (see `ProcessAdapter.onCallerExit`): removes the pool's socket file at exit. */
  readonly onCallerExit?: (hook: () => void) => () => void;
  /** The oldest runtime version toProcess works on; an older one refuses to start workers, saying so. */
  readonly floor?: () => RuntimeFloor;
  /** Starts a worker process in place of the adapter's spawn (see `WorkerSupport.spawn`). */
  readonly spawn?: WorkerSupport["spawn"];
}

/** Builds an adapter's {@link WorkerSupport} from how it launches a worker. */
export function workerSupport(launch: WorkerLaunch): WorkerSupport {
  return {
    listen: () => listenChannel(launch.onCallerExit),
    command: async () => {
      const tooOld = launch.floor && floorError("toProcess", launch.floor());
      if (tooOld) throw tooOld;
      if (!launch.standalone()) return { argv: launch.stdinArgv(), program: await launch.program() };
      if (launch.markerReadable?.() === false) throw new Error(UNMARKABLE);
      return { argv: [process.execPath] };
    },
    parallelism: () => availableParallelism(),
    typescript: launch.typescript ?? true,
    writeStderr,
    ...(launch.spawn ? { spawn: launch.spawn } : {}),
  };
}

/**
 * Writes a worker's stderr on to this process's own, through node:process, which Node, Bun and Deno all
 * implement; a stderr that is gone (EPIPE) loses it as it loses the caller's own output.
 */
function writeStderr(chunk: Uint8Array): void {
  try {
    process.stderr.write(chunk);
  } catch {}
}

const UNMARKABLE =
  `this single-file binary cannot read ${WORKER_VARIABLES.join(" and ")}, which tell a copy of it started as a ` +
  `worker to serve calls instead of running the program: compile it with --allow-env=${WORKER_VARIABLES.join(",")} ` +
  "(or a wider --allow-env)";

/**
 * Serves toProcess calls when this process is a single-file binary started as a worker by its pool (other
 * workers run the bundled program, which calls {@link runWorker} itself); returns undefined otherwise. The
 * returned promise never settles, so an entry that awaits it at top level keeps the program's own code from
 * running in a worker. The variable is read only where it may be read (`markerReadable`), so importing an
 * adapter needs no permission, and before asking whether this is a single-file binary, which loads a module
 * (node:sea) on Node.
 */
export function serveIfStartedAsWorker(launch: WorkerLaunch): Promise<never> | undefined {
  if (!startedAsWorker(launch.markerReadable)) return undefined;
  return launch.standalone() ? runWorker(launch.typescriptHint) : undefined;
}

/**
 * The body of a worker: connect back to the pool named in the environment, serve calls, and exit when the
 * pool closes the channel or dies. The variables are removed first, so that nothing the worker starts
 * inherits them. The pool ends its side of a worker's channel only after the reply of the call in progress has
 * arrived (a Windows named pipe has no half-close: ending one side closes both). A dead caller closes the socket, so no worker outlives it for longer than the call it is
 * running (a synchronous call cannot be interrupted short of a signal).
 */
export async function runWorker(typescriptHint?: string): Promise<never> {
  const [address, token] = WORKER_VARIABLES.map((name) => process.env[name]);
  for (const name of WORKER_VARIABLES) delete process.env[name];
  if (!address || !token) {
    console.error(`anyproc worker: started without ${WORKER_VARIABLES.join(" and ")}`);
    process.exit(2);
  }
  const { connect } = await import("node:net");
  const socket = connect({ path: socketPath(address), allowHalfOpen: true });
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
