// The native baselines on Bun: `Bun.spawn` doing the same work as each anyproc call, read with Bun's own
// stream reader (the fastest non-BYOB path measured, RUNTIME-FACTS §7c).
// https://bun.com/docs/runtime/child-process
import { readThroughOneBuffer } from "./reuse-reader.mjs";

/** The native operations, named as in src/spawn/subjects.mjs. */
export const native = {
  name: "Bun.spawn",
  spawn: (cmd) => Bun.spawn(cmd, { stdio: ["ignore", "ignore", "ignore"] }).exited,
  async capture(cmd) {
    const proc = Bun.spawn(cmd, { stdio: ["ignore", "pipe", "pipe"] });
    const [stdout, stderr, code] = await Promise.all([proc.stdout.text(), proc.stderr.text(), proc.exited]);
    return { code, stdout, stderr };
  },
  async read(cmd) {
    const proc = Bun.spawn(cmd, { stdio: ["ignore", "pipe", "ignore"] });
    const reader = proc.stdout.getReader();
    let bytes = 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    await proc.exited;
    return bytes;
  },
  async collect(cmd) {
    const proc = Bun.spawn(cmd, { stdio: ["ignore", "pipe", "ignore"] });
    const [bytes] = await Promise.all([proc.stdout.bytes(), proc.exited]);
    return bytes;
  },
  async write(cmd, chunk, count) {
    const proc = Bun.spawn(cmd, { stdio: ["pipe", "ignore", "ignore"] });
    for (let i = 0; i < count; i++) {
      proc.stdin.write(chunk);
      await proc.stdin.flush();
    }
    await proc.stdin.end();
    await proc.exited;
  },
};

/** Other native readers, reported for reference only: node:net's `onread` into one buffer (Bun's stream has no BYOB reader). */
export const alternatives = {
  reuse: {
    name: "node:net onread (socket pair)",
    // Bun.spawn takes a file descriptor, not a socket: the accepted socket's own.
    read: (cmd) => readThroughOneBuffer((childEnd) => Bun.spawn(cmd, { stdio: ["ignore", childEnd._handle.fd, "ignore"] }).exited),
  },
};
