// anyproc behind the same operations as the native baselines (each with the same stdio as its native
// twin), and the opt-in Node spawn helper when @anyproc/node/spawn-helper exports `startSpawnHelper`.

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const BYTES = { encoding: "bytes", maxBuffer: Infinity, stderr: "ignore" };

const BYOB_SIZE = 1 << 20;

/** Reads `stream` to its end and counts the bytes: with a BYOB reader reusing one buffer where it is a byte stream. */
async function drain(stream) {
  let byob = null;
  try {
    byob = stream.getReader({ mode: "byob" });
  } catch {
    // Not a byte stream.
  }
  let bytes = 0;
  if (byob) {
    let buffer = new ArrayBuffer(BYOB_SIZE);
    for (;;) {
      const { done, value } = await byob.read(new Uint8Array(buffer));
      if (done) return bytes;
      bytes += value.byteLength;
      buffer = value.buffer;
    }
  }
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
  return bytes;
}

/** The operations over one `{ runProcess, openProcess }` pair (anyproc's default or the spawn helper's). */
export function anyprocOps({ runProcess, openProcess }) {
  return {
    spawn: (cmd) => runProcess(cmd, { stdout: "ignore", stderr: "ignore" }),
    async capture(cmd) {
      const { exitCode, stdout, stderr } = await runProcess(cmd);
      return { code: exitCode, stdout, stderr };
    },
    async read(cmd) {
      const child = await openProcess(cmd, { stdin: "ignore", stderr: "ignore" });
      const bytes = await drain(child.stdout);
      await child.wait();
      return bytes;
    },
    collect: async (cmd) => (await runProcess(cmd, BYTES)).stdout,
    async write(cmd, chunk, count) {
      const child = await openProcess(cmd, { stdout: "ignore", stderr: "ignore" });
      const writer = child.stdin.getWriter();
      for (let i = 0; i < count; i++) await writer.write(chunk);
      await writer.close();
      await child.wait();
    },
    input: (cmd, data) => runProcess(cmd, { input: data, stdout: "ignore", stderr: "ignore" }),
  };
}

/** anyproc's default functions for this runtime (the `anyproc` package picks the adapter). */
export async function loadAnyproc() {
  return anyprocOps(await import("anyproc"));
}

/** A workspace package as `anyproc` resolves it (the bench depends on `anyproc` only); null when it does not load. */
export async function fromAnyproc(name) {
  const require = createRequire(new URL("../../node_modules/anyproc/package.json", import.meta.url));
  return import(pathToFileURL(require.resolve(name)).href).catch(() => null);
}

/**
 * anyproc on the Node adapter that reads stdout into one reused buffer (`createAdapter({ reuseReadBuffer:
 * true })` of @anyproc/node; Node only), or throws why it cannot run.
 */
export async function loadReuseReadBuffer() {
  if (typeof globalThis.Bun !== "undefined" || typeof globalThis.Deno !== "undefined") throw new Error("Node only");
  const [node, core] = await Promise.all([fromAnyproc("@anyproc/node"), fromAnyproc("@anyproc/core")]);
  if (typeof node?.createAdapter !== "function") throw new Error("not available: @anyproc/node does not export createAdapter");
  return anyprocOps(core.bindAdapter(node.createAdapter({ reuseReadBuffer: true })));
}

/**
 * The opt-in spawn helper of @anyproc/node (Node only): `{ ops, close }`, or null with the reason when the
 * running build does not export `startSpawnHelper`.
 */
export async function loadSpawnHelper() {
  if (typeof globalThis.Bun !== "undefined" || typeof globalThis.Deno !== "undefined") return { helper: null, why: "Node only" };
  const node = await fromAnyproc("@anyproc/node/spawn-helper");
  if (typeof node?.startSpawnHelper !== "function")
    return { helper: null, why: "not available: @anyproc/node/spawn-helper does not export startSpawnHelper" };
  const helper = await node.startSpawnHelper();
  return { helper: { ops: anyprocOps(helper), close: () => helper.close() }, why: null };
}
