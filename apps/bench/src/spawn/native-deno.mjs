// The native baselines on Deno: `Deno.Command` doing the same work as each anyproc call. Its stdout is a
// byte stream, and a BYOB reader into a large buffer is ~1.8× faster than the default reader (RUNTIME-FACTS §7c).
// https://docs.deno.com/api/deno/~/Deno.Command

const BYOB_SIZE = 1 << 20;

const command = ([file, ...args], stdio) => new Deno.Command(file, { args, stdin: "null", stdout: "null", stderr: "null", ...stdio });

/** The native operations, named as in src/spawn/subjects.mjs. */
export const native = {
  name: "Deno.Command",
  spawn: (cmd) => command(cmd).spawn().status,
  async capture(cmd) {
    const { code, stdout, stderr } = await command(cmd, { stdout: "piped", stderr: "piped" }).output();
    const text = new TextDecoder();
    return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
  },
  async read(cmd) {
    const child = command(cmd, { stdout: "piped" }).spawn();
    const reader = child.stdout.getReader({ mode: "byob" });
    let buffer = new ArrayBuffer(BYOB_SIZE);
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer));
      if (done) break;
      bytes += value.byteLength;
      buffer = value.buffer;
    }
    await child.status;
    return bytes;
  },
  async collect(cmd) {
    const { stdout } = await command(cmd, { stdout: "piped" }).output();
    return stdout;
  },
  async write(cmd, chunk, count) {
    const child = command(cmd, { stdin: "piped" }).spawn();
    const writer = child.stdin.getWriter();
    for (let i = 0; i < count; i++) await writer.write(chunk);
    await writer.close();
    await child.status;
  },
};

/** Other native readers, reported for reference only. */
export const alternatives = {
  read: {
    name: "default reader",
    async read(cmd) {
      const child = command(cmd, { stdout: "piped" }).spawn();
      const reader = child.stdout.getReader();
      let bytes = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
      await child.status;
      return bytes;
    },
  },
};
