// Proves that `anyproc` picks the adapter of the runtime it is imported on, through package.json
// `exports` conditions alone. The same file runs under vitest (Node), bun test and deno test.

import * as anyproc from "anyproc";
import { describe, expect, it } from "vitest";

const g = globalThis as { Bun?: unknown; Deno?: unknown };
const host = g.Bun ? "bun" : g.Deno ? "deno" : "node";

describe("anyproc entry", () => {
  it(`selects the ${host} adapter on ${host}`, () => {
    expect(anyproc.adapter.runtime).toBe(host);
  });

  it("runs a process through the selected adapter", async () => {
    const result = await anyproc.runProcess(["sh", "-c", 'printf "%s" "$1"', "sh", host]);
    expect(result.stdout).toBe(host);
  });

  it("re-exports the core's errors and helpers", async () => {
    expect(new anyproc.SpawnError("x", { code: "ENOENT", args: ["x"], cwd: undefined })).toBeInstanceOf(anyproc.ProcessError);
    await expect(anyproc.runProcess("exit 3")).rejects.toBeInstanceOf(anyproc.CalledProcessError);
    expect(typeof anyproc.lines).toBe("function");
  });

  it("re-exports the sh template, whose command runs through the selected adapter", async () => {
    const value = "it's $HOME `x` *";
    const result = await anyproc.runProcess(anyproc.sh`printf %s ${value}`);
    expect(result.stdout).toBe(value);
    expect(anyproc.quote("a'b")).toBe("'a'\\''b'");
  });
});
