// anyproc's side of each scenario: runPipeline, the cookbook's recipe of openProcess stages joined with
// `pipeTo` (docs/cookbook.md#pipelines, as written there), and the ways a caller reads openProcess's stdout
// on Deno (default reader, `for await`, and core's `lines` and `text`, which the `anyproc` package re-exports).
import { lines, openProcess, runPipeline, runProcess, text } from "anyproc";

/** The byte count `wc -c` printed. */
const count = (stdout) => Number(String(stdout).trim());

/** `runPipeline(stages)` with its defaults; resolves to the number the last stage printed. */
export async function runPipelineOp(stages) {
  const { stdout } = await runPipeline(stages);
  return count(stdout);
}

/**
 * The cookbook's pipeline recipe for three stages: the first two opened with openProcess, joined with
 * `pipeTo`, the last a runProcess whose `input` is the stage before it; every stage's status checked.
 */
export async function cookbookPipeline([first, middle, last]) {
  const source = await openProcess(first, { stdin: "ignore" });
  const upper = await openProcess(middle);
  try {
    const [counted] = await Promise.all([runProcess(last, { input: upper.stdout }), source.stdout.pipeTo(upper.stdin)]);
    const statuses = [await source.wait(), await upper.wait(), counted];
    if (statuses.some((s) => s.exitCode !== 0)) throw new Error("a stage failed");
    return count(counted.stdout);
  } finally {
    await source[Symbol.asyncDispose]();
    await upper[Symbol.asyncDispose]();
  }
}

/** Opens `cmd` as the reading scenarios do (stdin and stderr ignored), reads its stdout with `read`, waits. */
async function readWith(cmd, read) {
  const child = await openProcess(cmd, { stdin: "ignore", stderr: "ignore" });
  const result = await read(child.stdout);
  await child.wait();
  return result;
}

/** openProcess's stdout read with its default reader; resolves to the byte count. */
export const defaultReader = (cmd) =>
  readWith(cmd, async (stdout) => {
    const reader = stdout.getReader();
    let bytes = 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    return bytes;
  });

/** openProcess's stdout read with `for await`; resolves to the byte count. */
export const forAwait = (cmd) =>
  readWith(cmd, async (stdout) => {
    let bytes = 0;
    for await (const chunk of stdout) bytes += chunk.byteLength;
    return bytes;
  });

/** openProcess's stdout read with `lines()`; resolves to the bytes the lines and their newlines came from (ASCII input). */
export const linesOp = (cmd) =>
  readWith(cmd, async (stdout) => {
    let bytes = 0;
    for await (const line of lines(stdout)) bytes += line.length + 1;
    return bytes;
  });

/** openProcess's stdout read with `text()` of @anyproc/core; resolves to the string's length (ASCII input). */
export const textOp = (cmd) => readWith(cmd, async (stdout) => (await text(stdout)).length);
