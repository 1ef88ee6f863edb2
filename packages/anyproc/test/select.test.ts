// Proves that `anyproc` picks the adapter of the runtime it is imported on, through package.json
// `exports` conditions alone, for the package's main entry and for `anyproc/adapter`, and that importing the
// main entry loads no adapter. The same file runs under vitest (Node), bun test and deno test.

import { readFileSync } from "node:fs";
import * as anyproc from "anyproc";
import { adapter } from "anyproc/adapter";
import { describe, expect, it } from "vitest";

const g = globalThis as { Bun?: unknown; Deno?: unknown };
const host = g.Bun ? "bun" : g.Deno ? "deno" : "node";

/** What each adapter's module holds and no other module does: the use of its runtime's spawn primitive. */
const SPAWN_PRIMITIVE: Record<string, RegExp> = { node: /from "(node:)?child_process"/, bun: /\bBun\.spawn\(/, deno: /\bDeno\.Command\(/ };

/** The built files `file` loads when imported: itself and, recursively, what its static imports name. */
function staticClosure(file: URL, seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(file.href)) return seen;
  const text = readFileSync(file, "utf8");
  seen.set(file.href, text);
  for (const [, specifier] of text.matchAll(/^(?:import|export)\b[^;()]*?["'](\.[^"']+)["'];?$/gm)) {
    staticClosure(new URL(specifier as string, file), seen);
  }
  return seen;
}

describe("anyproc entry", () => {
  it(`selects the ${host} adapter on ${host}`, () => {
    expect(adapter.runtime).toBe(host);
  });

  it("loads the adapter at the first call, not at import", () => {
    const entry = staticClosure(new URL(`../dist/${host}.js`, import.meta.url));
    const adapterModule = staticClosure(new URL(`../dist/${host}-adapter.js`, import.meta.url));
    const holds = (files: Map<string, string>) => [...files.values()].some((text) => (SPAWN_PRIMITIVE[host] as RegExp).test(text));
    expect(holds(adapterModule)).toBe(true);
    expect(holds(entry)).toBe(false);
    expect([...entry.values()].some((text) => text.includes("import("))).toBe(true);
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
