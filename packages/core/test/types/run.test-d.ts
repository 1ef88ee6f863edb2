// runProcess: the type of stdout/stderr follows `encoding`, and is never narrower than the value.
import { bindAdapter, type CompletedProcess, type ProcessAdapter, type RunOptions, runProcess } from "../../src/index.js";
import { type Equal, expectTrue } from "./_equal.js";

declare const adapter: ProcessAdapter;
declare const wide: RunOptions;
declare const maybe: RunOptions | undefined;
declare const bytesVar: RunOptions & { encoding: "bytes" };
declare const either: RunOptions & { encoding: "utf8" | "bytes" };

export async function literals(): Promise<void> {
  const none = await runProcess(adapter, ["echo"]);
  expectTrue<Equal<typeof none.stdout, string>>();
  expectTrue<Equal<typeof none.stderr, string>>();
  const text = await runProcess(adapter, "echo", { encoding: "utf8", timeout: 1 });
  expectTrue<Equal<typeof text.stdout, string>>();
  const other = await runProcess(adapter, "echo", { timeout: 1_000 });
  expectTrue<Equal<typeof other.stdout, string>>();
  const bytes = await runProcess(adapter, "echo", { encoding: "bytes" });
  expectTrue<Equal<typeof bytes.stdout, Uint8Array>>();
  expectTrue<Equal<typeof bytes.stderr, Uint8Array>>();
  const asConst = { encoding: "bytes", check: false } as const satisfies RunOptions;
  const fromConst = await runProcess(adapter, "echo", asConst);
  expectTrue<Equal<typeof fromConst.stdout, Uint8Array>>();
  // @ts-expect-error: bytes are not a string
  bytes.stdout.trim();
  // The result is still assignable to the default CompletedProcess (string output), as users annotate it.
  const done: CompletedProcess = await runProcess(adapter, ["echo", "ok"], { timeout: 1_000 });
  done.stdout.trim();
}

export async function variables(): Promise<void> {
  const w = await runProcess(adapter, "echo", wide);
  expectTrue<Equal<typeof w.stdout, string | Uint8Array>>();
  // @ts-expect-error: a wide RunOptions may ask for bytes
  const s: string = w.stdout;
  const m = await runProcess(adapter, "echo", maybe);
  expectTrue<Equal<typeof m.stdout, string | Uint8Array>>();
  const b = await runProcess(adapter, "echo", bytesVar);
  expectTrue<Equal<typeof b.stdout, Uint8Array>>();
  const e = await runProcess(adapter, "echo", either);
  expectTrue<Equal<typeof e.stdout, string | Uint8Array>>();
  if (typeof w.stdout === "string") w.stdout.trim();
  void s;
}

export async function bound(): Promise<void> {
  const api = bindAdapter(adapter);
  const text = await api.runProcess("echo");
  expectTrue<Equal<typeof text.stdout, string>>();
  const bytes = await api.runProcess("echo", { encoding: "bytes" });
  expectTrue<Equal<typeof bytes.stdout, Uint8Array>>();
  const either = await api.runProcess("echo", wide);
  expectTrue<Equal<typeof either.stdout, string | Uint8Array>>();
}

export async function badOptions(): Promise<void> {
  // @ts-expect-error: an execa habit; anyproc runs a string command with /bin/sh
  await runProcess(adapter, "echo", { shell: true });
  // @ts-expect-error: no other encodings
  await runProcess(adapter, "echo", { encoding: "latin1" });
}
