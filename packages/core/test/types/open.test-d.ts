// openProcess: each stream is non-null when piped, null when not, nullable when the options do not tell.
import { bindAdapter, lines, type OpenOptions, openProcess, type Process, type ProcessAdapter } from "../../src/index.js";
import { type Equal, expectTrue } from "./_equal.js";

declare const adapter: ProcessAdapter;
declare const wide: OpenOptions;
type Readable = ReadableStream<Uint8Array>;
type Writable = WritableStream<Uint8Array>;

export async function piped(): Promise<void> {
  const proc = await openProcess(adapter, ["cat"]);
  expectTrue<Equal<typeof proc.stdin, Writable>>();
  expectTrue<Equal<typeof proc.stdout, Readable>>();
  expectTrue<Equal<typeof proc.stderr, Readable>>();
  for await (const line of lines(proc.stdout)) line.toUpperCase();
  const explicit = await openProcess(adapter, ["cat"], { stdin: "pipe", stdout: "pipe", stderr: "pipe", timeout: 1 });
  expectTrue<Equal<typeof explicit.stdout, Readable>>();
  const other = await openProcess(adapter, ["cat"], { timeout: 1_000 });
  expectTrue<Equal<typeof other.stdin, Writable>>();
}

export async function notPiped(): Promise<void> {
  const merged = await openProcess(adapter, ["make"], { stderr: "stdout" });
  expectTrue<Equal<typeof merged.stdout, Readable>>();
  expectTrue<Equal<typeof merged.stderr, null>>();
  const quiet = await openProcess(adapter, ["make"], { stdin: "ignore", stdout: "inherit", stderr: "ignore" });
  expectTrue<Equal<typeof quiet.stdin, null>>();
  expectTrue<Equal<typeof quiet.stdout, null>>();
  expectTrue<Equal<typeof quiet.stderr, null>>();
  // @ts-expect-error: stdout is inherited, there is nothing to read
  quiet.stdout.getReader();
}

export async function notKnown(): Promise<void> {
  const proc = await openProcess(adapter, ["cat"], wide);
  expectTrue<Equal<typeof proc.stdin, Writable | null>>();
  expectTrue<Equal<typeof proc.stdout, Readable | null>>();
  expectTrue<Equal<typeof proc.stderr, Readable | null>>();
  // @ts-expect-error: a wide OpenOptions may not pipe stdout
  proc.stdout.getReader();
  const mode = Math.random() > 0.5 ? "pipe" : "inherit";
  const either = await openProcess(adapter, ["cat"], { stdout: mode });
  expectTrue<Equal<typeof either.stdout, Readable | null>>();
  const plain: Process = await openProcess(adapter, ["cat"]);
  expectTrue<Equal<typeof plain.stdout, Readable | null>>();
}

export async function bound(): Promise<void> {
  const api = bindAdapter(adapter);
  const proc = await api.openProcess(["cat"]);
  expectTrue<Equal<typeof proc.stdout, Readable>>();
  const merged = await api.openProcess(["cat"], { stderr: "stdout" });
  expectTrue<Equal<typeof merged.stderr, null>>();
  // Every typed Process is a plain Process.
  const plain: Process = merged;
  void plain;
}
