// The native baselines on Node: `child_process.spawn` doing the same work as each anyproc call, with the
// fastest idiomatic reader (RUNTIME-FACTS §7c: `for await` over the Readable, no `Readable.toWeb`).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { Readable, Writable } from "node:stream";
import { readThroughOneBuffer } from "./reuse-reader.mjs";

/** Waits for `child` to exit, rejecting on a spawn failure. */
function exited(child) {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

/** The native operations, named as in src/spawn/subjects.mjs. */
export const native = {
  name: "child_process",
  spawn: ([file, ...args]) => exited(spawn(file, args, { stdio: "ignore" })),
  async capture([file, ...args]) {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    const [code] = await once(child, "close");
    return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
  },
  async read([file, ...args]) {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "ignore"] });
    const done = exited(child);
    let bytes = 0;
    for await (const chunk of child.stdout) bytes += chunk.byteLength;
    await done;
    return bytes;
  },
  async collect([file, ...args]) {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "ignore"] });
    const done = exited(child);
    const chunks = [];
    for await (const chunk of child.stdout) chunks.push(chunk);
    await done;
    return Buffer.concat(chunks);
  },
  async write([file, ...args], chunk, count) {
    const child = spawn(file, args, { stdio: ["pipe", "ignore", "ignore"] });
    const done = exited(child);
    for (let i = 0; i < count; i++) if (!child.stdin.write(chunk)) await once(child.stdin, "drain");
    child.stdin.end();
    await done;
  },
};

/** Other native readers and writers (Node's own web streams, a reader into one buffer), reported for reference only. */
export const alternatives = {
  reuse: {
    name: "node:net onread (socket pair)",
    read: ([file, ...args]) => readThroughOneBuffer((childEnd) => exited(spawn(file, args, { stdio: ["ignore", childEnd, "ignore"] }))),
  },
  read: {
    name: "Readable.toWeb",
    async read([file, ...args]) {
      const child = spawn(file, args, { stdio: ["ignore", "pipe", "ignore"] });
      const done = exited(child);
      const reader = Readable.toWeb(child.stdout).getReader();
      let bytes = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
      await done;
      return bytes;
    },
  },
  write: {
    name: "Writable.toWeb",
    async write([file, ...args], chunk, count) {
      const child = spawn(file, args, { stdio: ["pipe", "ignore", "ignore"] });
      const done = exited(child);
      const writer = Writable.toWeb(child.stdin).getWriter();
      for (let i = 0; i < count; i++) await writer.write(chunk);
      await writer.close();
      await done;
    },
  },
};
