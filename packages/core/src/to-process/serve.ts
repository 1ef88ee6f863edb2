/**
 * The worker side of toProcess, runtime-free: announce ourselves, then run one call at a time and reply,
 * until the pool closes the channel. Each runtime's worker entry connects the channel and calls this.
 */
import type { WorkerChannel } from "../adapter.js";
import { decode, encode } from "./_clone.js";
import { frame, lineReader } from "./_ndjson.js";
import type { Call } from "./_protocol.js";

/**
 * Process-wide, not per module: a worker's program carries its own bundled copy of core, and the user's module
 * may load another through `anyproc`; every copy must see that the process is a worker.
 */
const WORKER_FLAG = Symbol.for("anyproc.toProcess.isWorker");

/** Marks this process as a toProcess worker (read by `toProcess.isWorker` and the nested-pool check). */
function markWorker(): void {
  (globalThis as Record<symbol, unknown>)[WORKER_FLAG] = true;
}

/** True inside a toProcess worker process. */
export function isWorkerProcess(): boolean {
  return (globalThis as Record<symbol, unknown>)[WORKER_FLAG] === true;
}

/**
 * Serves calls on `channel`, one at a time in arrival order, until the pool ends its side; resolves once
 * every reply has been written and our side is ended. The process counts as a worker from this call on,
 * while the channel may still be connecting (so code that runs meanwhile cannot start a pool of its own).
 * `typescriptHint` explains, when a `.ts` module cannot be imported, what this runtime needs to run TypeScript.
 */
export async function serveWorker(
  connecting: WorkerChannel | Promise<WorkerChannel>,
  token: string,
  typescriptHint?: string,
): Promise<void> {
  markWorker();
  const channel = await connecting;
  channel.write(frame({ t: "hello", token }));
  await new Promise<void>((resolve) => {
    const queue: Call[] = [];
    let running = false;
    let ended = false;
    const finish = () => void channel.end().then(resolve);
    const pump = async () => {
      running = true;
      for (let call = queue.shift(); call; call = queue.shift()) channel.write(frame(await reply(call, typescriptHint)));
      running = false;
      if (ended) finish();
    };
    channel.read(
      lineReader(
        (message) => {
          if ((message as Call).t !== "call") return;
          queue.push(message as Call);
          if (!running) void pump();
        },
        () => {
          ended = true;
          if (!running) finish();
        },
      ),
    );
  });
}

/** Runs one call and builds its reply message. */
async function reply(call: Call, typescriptHint: string | undefined): Promise<unknown> {
  try {
    const fn = await target(call.m, call.x, typescriptHint);
    const value = await fn(...(decode(call.a) as unknown[]));
    return { t: "ok", id: call.id, v: encode(value, `the result of ${call.x}()`) };
  } catch (error) {
    return { t: "err", id: call.id, e: encodeError(error) };
  }
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

async function target(module: string, name: string, typescriptHint: string | undefined): Promise<(...args: unknown[]) => unknown> {
  let loading = modules.get(module);
  if (!loading) {
    loading = import(/* @vite-ignore */ module) as Promise<Record<string, unknown>>;
    modules.set(module, loading);
    loading.catch(() => modules.delete(module));
  }
  let exports: Record<string, unknown>;
  try {
    exports = await loading;
  } catch (error) {
    const hint = /\.[mc]?tsx?$/.test(module) && typescriptHint ? ` (${typescriptHint})` : "";
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`toProcess could not import ${module} to call "${name}"${hint}: ${why}`, { cause: error });
  }
  const fn = exports[name];
  if (typeof fn !== "function") {
    const names = Object.keys(exports).filter((k) => typeof exports[k] === "function");
    throw new TypeError(
      fn === undefined
        ? `${module} has no export named "${name}" (its function exports: ${names.join(", ") || "none"})`
        : `The export "${name}" of ${module} is not a function, it is ${typeof fn}`,
    );
  }
  return fn as (...args: unknown[]) => unknown;
}

function encodeError(error: unknown): unknown {
  try {
    return encode(error, "the thrown value");
  } catch (cloneError) {
    return encode(cloneError);
  }
}
