// runPipeline and openPipeline: output typed from `encoding`, ends typed from the options, redirected ends null.
import { openPipeline, openProcess, type ProcessAdapter, runPipeline } from "../../src/index.js";
import { type Equal, expectTrue } from "./_equal.js";

declare const adapter: ProcessAdapter;
type Readable = ReadableStream<Uint8Array>;
type Writable = WritableStream<Uint8Array>;

export async function run(): Promise<void> {
  const text = await runPipeline(adapter, [["a"], { command: ["b"], stderr: "stdout" }]);
  expectTrue<Equal<typeof text.stdout, string>>();
  expectTrue<Equal<(typeof text.stages)[number]["stderr"], string>>();
  const bytes = await runPipeline(adapter, [["a"], "b | c"], { encoding: "bytes" });
  expectTrue<Equal<typeof bytes.stdout, Uint8Array>>();
  // @ts-expect-error: a pipeline's stages are stopped together, so none is detached
  await runPipeline(adapter, [["a"]], { detached: true });
  // @ts-expect-error: a stage takes command, cwd, env and stderr only
  await runPipeline(adapter, [{ command: ["a"], timeout: 1 }]);
}

export async function open(): Promise<void> {
  const pipeline = await openPipeline(adapter, [["a"], ["b"]]);
  expectTrue<Equal<typeof pipeline.stdin, Writable>>();
  expectTrue<Equal<typeof pipeline.stdout, Readable>>();
  const ends = await openPipeline(adapter, [["a"], ["b"]], { stdin: { file: "in.txt" }, stdout: 1 });
  expectTrue<Equal<typeof ends.stdin, null>>();
  expectTrue<Equal<typeof ends.stdout, null>>();
}

export async function redirected(): Promise<void> {
  const proc = await openProcess(adapter, ["sort"], { stdin: { file: "in.txt" }, stdout: { file: "out.txt", append: true }, stderr: 2 });
  expectTrue<Equal<typeof proc.stdin, null>>();
  expectTrue<Equal<typeof proc.stdout, null>>();
  expectTrue<Equal<typeof proc.stderr, null>>();
  // @ts-expect-error: stdout goes to a file, there is nothing to read
  proc.stdout.getReader();
}
