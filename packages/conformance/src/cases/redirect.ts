/**
 * Redirection: a file (`{ file, append? }`) or an open descriptor number as a child's stdin, stdout or stderr,
 * at the descriptor level where the adapter passes descriptors, else copied by core, with the same contract: a
 * redirected stream is not piped to the caller, output is in the file once the call resolves (or `wait()`
 * does), and a file that cannot be opened is a `SpawnError` naming it, with nothing spawned.
 */
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { SpawnError } from "@anyproc/core";
import { expect } from "vitest";
import type { Context } from "../_context.js";
import { exists, inScratch, MiB, rejection } from "../_fixtures.js";

/** Runs `body` with a fresh scratch folder, removed afterwards. */
const inRedirectScratch = (body: (dir: string) => Promise<void>) => inScratch("anyproc-redirect", body);

export function redirectCases(ctx: Context): void {
  const it = ctx.when("programs");
  const p = (...steps: string[]) => ctx.program(...steps);

  it("stdin reads a file, given as a path or a file: URL, byte-exact", async () => {
    await inRedirectScratch(async (dir) => {
      const bytes = new Uint8Array(256 * 64).map((_, i) => i % 256);
      writeFileSync(`${dir}/in.bin`, bytes);
      const byPath = await ctx.runProcess(p("cat"), { stdin: { file: `${dir}/in.bin` }, encoding: "bytes", timeout: 10_000 });
      expect(Array.from(byPath.stdout)).toEqual(Array.from(bytes));
      const byUrl = await ctx.runProcess(p("count"), { stdin: { file: pathToFileURL(`${dir}/in.bin`) }, timeout: 10_000 });
      expect(byUrl.stdout).toBe(String(bytes.length));
    });
  });

  it("stdout and stderr write files, replaced unless append; the result's streams are then empty", async () => {
    await inRedirectScratch(async (dir) => {
      writeFileSync(`${dir}/out.txt`, "old content that is replaced");
      const first = await ctx.runProcess(p("out", "one", "err", "e1"), {
        stdout: { file: `${dir}/out.txt` },
        stderr: { file: `${dir}/err.txt` },
        timeout: 10_000,
      });
      expect([first.stdout, first.stderr]).toEqual(["", ""]);
      await ctx.runProcess(p("out", "two", "err", "e2"), {
        stdout: { file: `${dir}/out.txt`, append: true },
        stderr: { file: `${dir}/err.txt`, append: true },
        timeout: 10_000,
      });
      expect(readFileSync(`${dir}/out.txt`, "utf8")).toBe("onetwo");
      expect(readFileSync(`${dir}/err.txt`, "utf8")).toBe("e1e2");
    });
  });

  it('stderr: "stdout" with stdout in a file puts both in it, in the order written', async () => {
    await inRedirectScratch(async (dir) => {
      await ctx.runProcess(p("alternate", "50"), { stdout: { file: `${dir}/both.txt` }, stderr: "stdout", timeout: 10_000 });
      const expected = Array.from({ length: 50 }, (_, k) => `o${k}\ne${k}\n`).join("");
      expect(readFileSync(`${dir}/both.txt`, "utf8")).toBe(expected);
    });
  });

  it("a relative file is in the child's cwd, as a shell's > file is", async () => {
    await inRedirectScratch(async (dir) => {
      await ctx.runProcess(p("out", "here"), { cwd: dir, stdout: { file: "relative.txt" }, timeout: 10_000 });
      expect(readFileSync(`${dir}/relative.txt`, "utf8")).toBe("here");
    });
  });

  it("a missing stdin file, an output file in a missing folder or a directory is a SpawnError naming it, and nothing is spawned", async () => {
    await inRedirectScratch(async (dir) => {
      const marker = `${dir}/spawned`;
      const missing = await rejection(ctx.runProcess(p("touch", marker), { stdin: { file: `${dir}/no-such-input` } }));
      expect(missing).toBeInstanceOf(SpawnError);
      expect((missing as SpawnError).code).toBe("ENOENT");
      expect((missing as SpawnError).message).toContain("no-such-input");
      const folder = await rejection(ctx.openProcess(p("touch", marker), { stdout: { file: `${dir}/no-such-folder/out.txt` } }));
      expect(folder).toBeInstanceOf(SpawnError);
      expect((folder as SpawnError).code).toBe("ENOENT");
      expect((folder as SpawnError).message).toContain("no-such-folder");
      for (const stream of ["stdin", "stdout"] as const) {
        const directory = await rejection(ctx.runProcess(p("touch", marker), { [stream]: { file: dir } }));
        expect(directory).toBeInstanceOf(SpawnError);
        expect((directory as SpawnError).code).toBe("EISDIR");
        expect((directory as SpawnError).message).toContain(`the ${stream} file`);
      }
      await ctx.sleep(150);
      expect(await exists(ctx, marker)).toBe(false);
    });
  });

  it("a descriptor number of the caller is passed as the child's stream", async () => {
    await inRedirectScratch(async (dir) => {
      const fd = openSync(`${dir}/fd.txt`, "w");
      try {
        await ctx.runProcess(p("out", "through a descriptor"), { stdout: fd, timeout: 10_000 });
      } finally {
        closeSync(fd);
      }
      expect(readFileSync(`${dir}/fd.txt`, "utf8")).toBe("through a descriptor");
    });
  });

  it("openProcess with stdout in a file has a null stdout, and wait() resolves once all of it is in the file", async () => {
    await inRedirectScratch(async (dir) => {
      const proc = await ctx.openProcess(p("fill", "out", String(4 * MiB), "5a"), { stdout: { file: `${dir}/big.bin` } });
      expect(proc.stdout).toBeNull();
      expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
      expect(readFileSync(`${dir}/big.bin`).byteLength).toBe(4 * MiB);
    });
  });

  it("a pipeline reads its first stdin from a file and writes its last stdout to one", async () => {
    await inRedirectScratch(async (dir) => {
      writeFileSync(`${dir}/in.txt`, "piped through files");
      const result = await ctx.runPipeline([p("cat"), p("count")], {
        stdin: { file: `${dir}/in.txt` },
        stdout: { file: `${dir}/out.txt` },
        timeout: 10_000,
      });
      expect(result.stdout).toBe("");
      expect(readFileSync(`${dir}/out.txt`, "utf8")).toBe("19");
    });
  });

  it("a bad redirection is a TypeError naming it", async () => {
    await expect(ctx.runProcess(p("cat"), { stdin: { file: "x", append: true } })).rejects.toThrow(/stdin\.append/);
    await expect(ctx.runProcess(p("cat"), { stdout: -1 })).rejects.toThrow(/descriptor must be a non-negative integer, got -1/);
    await expect(ctx.runProcess(p("cat"), { stdout: { file: new URL("https://example.com/x") } })).rejects.toThrow(/file: URL/);
    await expect(ctx.runProcess(p("cat"), { input: "x", stdin: { file: "x" } })).rejects.toThrow(/`input` needs stdin "pipe"/);
  });
}
