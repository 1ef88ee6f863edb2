/**
 * The worker side of toProcess, runtime-free: announce ourselves, then run one call at a time and reply,
 * until the pool closes the channel. Each runtime's worker entry connects the channel and calls this.
 */
import type { ByteChannel } from "../adapter.js";
import { decode, encode } from "./_clone.js";
import { frame, messages } from "./_ndjson.js";
import type { Call } from "./_protocol.js";

const WORKER_FLAG = Symbol.for("anyproc.toProcess.isWorker");

/** Marks this process as a toProcess worker (read by `toProcess.isWorker`). */
export function markWorker(): void {
  (globalThis as Record<symbol, unknown>)[WORKER_FLAG] = true;
}

/** True inside a toProcess worker process. */
export function isWorkerProcess(): boolean {
  return (globalThis as Record<symbol, unknown>)[WORKER_FLAG] === true;
}

/**
 * Serves calls on `channel` until the pool closes it. `typescriptHint` explains, when a `.ts` module cannot
 * be imported, what this runtime needs to run TypeScript.
 */
export async function serveWorker(channel: ByteChannel, token: string, typescriptHint?: string): Promise<void> {
  markWorker();
  const writer = channel.writable.getWriter();
  const send = (message: unknown) => writer.write(frame(message));
  await send({ t: "hello", token });
  for await (const message of messages(channel.readable)) {
    const call = message as Call;
    if (call.t !== "call") continue;
    try {
      const fn = await target(call.m, call.x, typescriptHint);
      const value = await fn(...(decode(call.a) as unknown[]));
      await send({ t: "ok", id: call.id, v: encode(value, `the result of ${call.x}()`) });
    } catch (error) {
      await send({ t: "err", id: call.id, e: encodeError(error) });
    }
  }
  await writer.close().catch(() => {});
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
