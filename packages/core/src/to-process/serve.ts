/**
 * The worker side of toProcess, runtime-free: announce ourselves, then run one call at a time and reply,
 * until the pool closes the channel. Each runtime's worker entry connects the channel and calls this.
 */
import type { WorkerChannel } from "../adapter.js";
import { decode, encode } from "./_clone.js";
import { frame, lineReader } from "./_ndjson.js";
import type { Call } from "./_protocol.js";

/**
 * Serves calls on `channel` as a worker: see `serveWorker` in ./index.ts, which marks the process as a worker
 * and then loads this module.
 */
export async function serveWorker(
  connecting: WorkerChannel | Promise<WorkerChannel>,
  token: string,
  typescriptHint?: string,
): Promise<void> {
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
