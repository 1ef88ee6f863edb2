// The references, through each runtime's own spawn API: the pipeline as one /bin/sh script (its pipes are the
// shell's, no JavaScript between the stages; stdout and stderr captured, as runPipeline does), and on Deno a
// BYOB reader reusing one 1 MiB buffer on `Deno.Command`'s stdout, the fastest native reader there, with
// Deno's own default reader beside it (new memory per read, as every default reader's chunks are the caller's).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { runtimeName } from "../shared/runtime.mjs";

const BYOB_SIZE = 1 << 20;

/** The byte count `wc -c` printed. */
const count = (stdout) => Number(String(stdout).trim());

/** `/bin/sh -c <script>` to its end, per runtime: resolves to the number it printed. */
const SH = {
  // https://nodejs.org/api/child_process.html#child_processspawncommand-args-options
  async node(script) {
    const child = spawn("/bin/sh", ["-c", script], { stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    const [code] = await once(child, "close");
    if (code !== 0) throw new Error(`/bin/sh exited with ${code}: ${Buffer.concat(err)}`);
    return count(Buffer.concat(out));
  },
  // https://bun.com/docs/runtime/child-process
  async bun(script) {
    const proc = Bun.spawn(["/bin/sh", "-c", script], { stdio: ["ignore", "pipe", "pipe"] });
    const [stdout, stderr, code] = await Promise.all([proc.stdout.text(), proc.stderr.text(), proc.exited]);
    if (code !== 0) throw new Error(`/bin/sh exited with ${code}: ${stderr}`);
    return count(stdout);
  },
  // https://docs.deno.com/api/deno/~/Deno.Command
  async deno(script) {
    const command = new Deno.Command("/bin/sh", { args: ["-c", script], stdin: "null", stdout: "piped", stderr: "piped" });
    const { code, stdout, stderr } = await command.output();
    if (code !== 0) throw new Error(`/bin/sh exited with ${code}: ${new TextDecoder().decode(stderr)}`);
    return count(new TextDecoder().decode(stdout));
  },
};

/** Runs the pipeline `script` through /bin/sh with this runtime's spawn API. */
export const shPipeline = (script) => SH[runtimeName()](script);

/** `Deno.Command` for `[file, ...args]` with stdout piped, stdin and stderr null, spawned. */
const denoChild = ([file, ...args]) => new Deno.Command(file, { args, stdin: "null", stdout: "piped", stderr: "null" }).spawn();

/** Deno only: reads `[file, ...args]`'s stdout to its end with a BYOB reader into one 1 MiB buffer; resolves to the byte count. */
export async function byobRead(cmd) {
  const child = denoChild(cmd);
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
}

/** Deno only: reads `cmd`'s stdout to its end with Deno's default reader; resolves to the byte count. */
export async function nativeDefaultRead(cmd) {
  const child = denoChild(cmd);
  const reader = child.stdout.getReader();
  let bytes = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
  await child.status;
  return bytes;
}
