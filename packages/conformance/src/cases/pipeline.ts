/**
 * Pipelines: `runPipeline` and `openPipeline` join each stage's stdout to the next stage's stdin, apply one
 * timeout, abort and dispose to every stage, and judge the result as `set -o pipefail` does, except for a stage
 * before the last ended by SIGPIPE (as a shell's pipe ends `yes` in `yes | head -1`) or, on Windows, ended by
 * anyproc because the stage after it had exited.
 */
import { CalledProcessError, ProcessTimeoutError, SpawnError } from "@anyproc/core";
import { expect } from "vitest";
import type { Context } from "../_context.js";
import { exists, MiB, rejection, removeDir, scratchDir } from "../_fixtures.js";

const GiB = 1024 * MiB;

/**
 * The program's `checksum` (h = h * 31 + byte, in 32 bits, unsigned) of the bytes 0 to 255 repeated `blocks`
 * times. One block maps h to h * 31^256 + c, so the blocks are folded without reading a gibibyte here.
 */
function repeatedChecksum(blocks: number): number {
  let power = 1;
  let c = 0;
  for (let byte = 0; byte < 256; byte++) {
    power = Math.imul(power, 31);
    c = (Math.imul(c, 31) + byte) | 0;
  }
  let h = 0;
  for (let i = 0; i < blocks; i++) h = (Math.imul(h, power) + c) | 0;
  return h >>> 0;
}

export function pipelineCases(ctx: Context): void {
  const it = ctx.when("programs");
  const p = (...steps: string[]) => ctx.program(...steps);

  it("each stage's stdout is the next stage's stdin, byte-exact, and the last stage's stdout is the result", async () => {
    const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0")).join("");
    const result = await ctx.runPipeline([p("fill", "out", String(MiB), hex), p("cat"), p("cat")], { encoding: "bytes", timeout: 20_000 });
    expect(result.stdout).toBeInstanceOf(Uint8Array);
    expect(result.stdout.byteLength).toBe(MiB);
    let wrong = -1;
    for (let i = 0; i < MiB && wrong === -1; i++) if (result.stdout[i] !== i % 256) wrong = i;
    expect(wrong).toBe(-1);
    expect(result.stages.map((s) => [s.exitCode, s.signal])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    expect(result.stages[1]?.args).toEqual(p("cat"));
  });

  it("input feeds the first stage, and each stage's stderr is collected apart", async () => {
    const result = await ctx.runPipeline([p("err", "first", "cat"), p("err", "second", "cat")], { input: "through ü €", timeout: 10_000 });
    expect(result.stdout).toBe("through ü €");
    expect(result.stages.map((s) => s.stderr)).toEqual(["first", "second"]);
    expect(typeof result.durationMs).toBe("number");
  });

  it("a stage's own cwd, env and stderr: \"stdout\" apply to it alone, over the pipeline's", async () => {
    const dir = await scratchDir("anyproc-pipeline");
    try {
      const result = await ctx.runPipeline(
        [
          { command: p("env", "STAGE,BOTH", "err", "|merged"), env: { STAGE: "one" }, stderr: "stdout" },
          { command: p("cat", "cwd"), cwd: dir },
        ],
        { env: { BOTH: "all", STAGE: "pipeline" }, timeout: 10_000 },
      );
      const [json, cwd] = [
        result.stdout.slice(0, result.stdout.indexOf("|merged")),
        result.stdout.slice(result.stdout.indexOf("|merged") + 7),
      ];
      expect(JSON.parse(json)).toEqual({ STAGE: "one", BOTH: "all" });
      expect(cwd.toLowerCase()).toContain(dir.split(/[\\/]/).pop()?.toLowerCase());
      expect(result.stages[0]?.stderr).toBe("");
    } finally {
      await removeDir(dir);
    }
  });

  it("pipefail: a failed stage rejects with the CalledProcessError of the first stage that failed, carrying every stage's status", async () => {
    const stages = [p("out", "x", "exit", "3"), p("drain", "err", "why", "exit", "4"), p("cat")];
    const error = await rejection(ctx.runPipeline(stages, { timeout: 10_000 }));
    expect(error).toBeInstanceOf(CalledProcessError);
    const e = error as CalledProcessError<string>;
    expect(e.exitCode).toBe(3);
    expect(e.args).toEqual(stages[0]);
    expect(e.message).toContain("stage 1 of the pipeline");
    expect(e.stages?.map((s) => s.exitCode)).toEqual([3, 4, 0]);
    expect(e.stages?.[1]?.stderr).toBe("why");
    const unchecked = await ctx.runPipeline(stages, { check: false, timeout: 10_000 });
    expect(unchecked.stages.map((s) => s.exitCode)).toEqual([3, 4, 0]);
    const second = await rejection(ctx.runPipeline([p("out", "x"), p("drain", "err", "late", "exit", "5")], { timeout: 10_000 }));
    expect((second as CalledProcessError).exitCode).toBe(5);
    expect((second as CalledProcessError).stderr).toBe("late");
  });

  it("a last stage that exits early ends the pipeline: the stage writing to it is stopped, nothing hangs", async () => {
    const began = Date.now();
    const result = await ctx.runPipeline([p("yes", "out", "y"), p("head", "4")], { check: false, timeout: 20_000 });
    expect(result.stdout).toBe("y\ny\n");
    expect(result.stages[1]?.exitCode).toBe(0);
    expect(result.stages[0]?.exitCode === 0).toBe(false);
    expect(Date.now() - began).toBeLessThan(15_000);
  });

  it("a middle stage that exits early stops the stage before it, and the stages after it finish", async () => {
    const result = await ctx.runPipeline([p("yes", "out", "y"), p("head", "6"), p("count")], { check: false, timeout: 20_000 });
    expect(result.stdout).toBe("6");
    expect(result.stages.map((s) => s.exitCode).slice(1)).toEqual([0, 0]);
    expect(result.stages[0]?.exitCode === 0).toBe(false);
  });

  it("a stage that never reads its stdin does not hold the pipeline up", async () => {
    const result = await ctx.runPipeline([p("out", "unread"), p("out", "own")], { check: false, timeout: 10_000 });
    expect(result.stdout).toBe("own");
    expect(result.stages[1]?.exitCode).toBe(0);
  });

  ctx.when("posixShell")("yes | head -1 is not a failure: yes ends by SIGPIPE, as in a shell with pipefail", async () => {
    const result = await ctx.runPipeline([["yes"], ["head", "-n", "1"]], { timeout: 10_000 });
    expect(result.stdout).toBe("y\n");
    expect(result.stages.map((s) => [s.exitCode, s.signal])).toEqual([
      [null, "SIGPIPE"],
      [0, null],
    ]);
    const error = await rejection(
      ctx.runPipeline(
        [
          ["sh", "-c", "trap '' PIPE; yes"],
          ["head", "-n", "1"],
        ],
        { timeout: 10_000 },
      ),
    );
    expect(error).toBeInstanceOf(CalledProcessError);
    expect((error as CalledProcessError).stages?.[1]?.exitCode).toBe(0);
  });

  it("a timeout stops every stage and rejects with ProcessTimeoutError carrying every stage's status", async () => {
    const began = Date.now();
    const error = await rejection(ctx.runPipeline([p("sleep", "20000"), p("cat")], { timeout: 300 }));
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    const e = error as ProcessTimeoutError;
    expect(e.timeout).toBe(300);
    expect(e.message).toContain("Pipeline timed out after 300 ms");
    expect(e.stages).toHaveLength(2);
    expect(e.stages?.[0]?.signal).toBe("SIGTERM");
    // The timeout holds for the whole pipeline, also once its first stage has exited (given time to start and
    // exit on a busy machine).
    const late = await rejection(ctx.runPipeline([p("out", "x"), p("drain", "sleep", "20000")], { timeout: 2000 }));
    expect(late).toBeInstanceOf(ProcessTimeoutError);
    expect((late as ProcessTimeoutError).stages?.map((s) => s.exitCode)[0]).toBe(0);
    expect(Date.now() - began).toBeLessThan(15_000);
  });

  it("an abort stops every stage and rejects with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stop the pipeline");
    const running = ctx.runPipeline([p("sleep", "20000"), p("cat"), p("cat")], { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 200);
    expect(await rejection(running)).toBe(reason);
    const already = AbortSignal.abort(reason);
    expect(await rejection(ctx.runPipeline([p("cat")], { signal: already }))).toBe(reason);
  });

  it("a stage that cannot start stops the stages already started and rejects with its SpawnError", async () => {
    const dir = await scratchDir("anyproc-pipeline-spawn");
    const marker = `${dir}/late`;
    try {
      const error = await rejection(ctx.runPipeline([p("sleep", "700", "touch", marker), ["anyproc-no-such-command"], p("cat")]));
      expect(error).toBeInstanceOf(SpawnError);
      expect((error as SpawnError).code).toBe("ENOENT");
      expect((error as SpawnError).message).toContain("anyproc-no-such-command");
      await ctx.sleep(1200);
      expect(await exists(ctx, marker)).toBe(false);
    } finally {
      await removeDir(dir);
    }
  });

  it("openPipeline gives the first stage's stdin, the last stage's stdout and every stage; wait() resolves every status", async () => {
    await using pipeline = await ctx.openPipeline([p("cat"), p("err", "middle", "cat"), p("count")]);
    expect(pipeline.stages).toHaveLength(3);
    expect(pipeline.stages[1]?.stdin).toBeNull();
    expect(pipeline.stages[1]?.stdout).toBeNull();
    const writer = pipeline.stdin.getWriter();
    await writer.write(new TextEncoder().encode("twelve bytes"));
    await writer.close();
    const [out, err] = await Promise.all([new Response(pipeline.stdout).text(), new Response(pipeline.stages[1]?.stderr).text()]);
    expect(out).toBe("12");
    expect(err).toBe("middle");
    expect(await pipeline.wait()).toEqual([
      { exitCode: 0, signal: null },
      { exitCode: 0, signal: null },
      { exitCode: 0, signal: null },
    ]);
  });

  it("disposing of an openPipeline stops every stage and leaves none behind", async () => {
    const pipeline = await ctx.openPipeline([p("sleep", "20000"), p("cat")], { stdout: "ignore", stderr: "ignore" });
    const began = Date.now();
    await pipeline[Symbol.asyncDispose]();
    expect(Date.now() - began).toBeLessThan(8000);
    expect(pipeline.stages.every((stage) => stage.exitCode !== null || stage.signal !== null)).toBe(true);
    expect(pipeline.stdout).toBeNull();
  });

  it("a stage killed at once ends the input of the stage after it, which finishes", async () => {
    await using pipeline = await ctx.openPipeline([p("sleep", "20000"), p("count")], { timeout: 15_000 });
    expect(pipeline.stages[0]?.kill()).toBe(true);
    const [out, statuses] = await Promise.all([new Response(pipeline.stdout).text(), pipeline.wait()]);
    expect(out).toBe("0");
    expect(statuses).toEqual([
      { exitCode: null, signal: "SIGKILL" },
      { exitCode: 0, signal: null },
    ]);
  });

  it("invalid stages and options are clear errors, and nothing is spawned", async () => {
    await expect(ctx.runPipeline([])).rejects.toThrow(/must be a non-empty array/);
    await expect(ctx.runPipeline([p("cat"), 42 as never])).rejects.toThrow(/stages\[1\] must be a command/);
    await expect(ctx.runPipeline([{ command: p("cat"), timeout: 5 } as never])).rejects.toThrow(/Unknown option "timeout" in stages\[0\]/);
    await expect(ctx.runPipeline([[""]])).rejects.toThrow(/stages\[0\]: command\[0\] must not be empty/);
    await expect(ctx.runPipeline([p("cat")], { timeout: -1 })).rejects.toThrow(RangeError);
    await expect(ctx.runPipeline([p("cat")], { detached: true } as never)).rejects.toThrow(/Unknown option "detached" for runPipeline\(\)/);
    await expect(ctx.openPipeline([p("cat")], { input: "x" } as never)).rejects.toThrow(/Unknown option "input" for openPipeline\(\)/);
  });

  it("1 GiB passes through a three-stage pipeline byte-exact", async () => {
    const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0")).join("");
    const result = await ctx.runPipeline([p("fill", "out", String(GiB), hex), p("cat"), p("checksum")], { timeout: 110_000 });
    expect(result.stdout).toBe(`${GiB} ${repeatedChecksum(GiB / 256)}`);
  }, 120_000);
}
