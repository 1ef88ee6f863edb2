/**
 * Properties, checked with fast-check on generated input rather than hand-picked examples: argv, env, stdin
 * bytes and `sh` interpolations reach the child byte-exact and are never interpreted; a NUL is a TypeError
 * before anything spawns; UTF-8 split at any byte boundary decodes as a whole; toProcess values round-trip.
 * Each property runs a bounded number of times, so the group stays fast on every runtime; a failure prints
 * the shrunk counterexample and the seed that reproduces it. A property whose run starts a child runs the
 * suite's portable program, which costs a start of the runtime (10–90 ms) where `/bin/sh` cost one: those
 * properties make fewer runs, each with more input (up to 96 arguments, 32 variables, 64 KiB of bytes).
 */
import { bindAdapter, lines, type ProcessAdapter, sh, text } from "@anyproc/core";
import * as fc from "fast-check";
import { expect, it } from "vitest";
import { canon, cloneable, cuts, envMap, expectedLines, split, streamOf, textWithLines, word } from "../_arbitraries.js";
import type { Context } from "../_context.js";
import { rejection } from "../_fixtures.js";
import { addedByRuntime } from "../capabilities.js";

/** Per-case time limit: room for fast-check to shrink a counterexample, which spawns again. */
const LIMIT = 60_000;

const encoder = new TextEncoder();
/** Decodes exactly: a BOM is kept and an invalid byte throws, so equal text means equal bytes. */
const exact = (bytes: Uint8Array) => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
const nulJoined = (items: readonly string[]) => items.map((item) => `${item}\0`).join("");
/**
 * An argument for the program: any word, with a `.` after a trailing CR, because Deno's command line drops
 * one CR from the end of every argument (so that a script with CRLF line endings runs from its shebang). A
 * CR anywhere else reaches the program, and is checked.
 */
const argument = () => word().map((s) => (s.endsWith("\r") ? `${s}.` : s));

/** The first index where `a` and `b` differ (a length difference counts), or -1 when they are equal. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Collects the lines of `stream` with `lines()`. */
async function allLines(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines(stream)) out.push(line);
  return out;
}

/** A copy of `args` with a NUL inserted into the element `at` (modulo), at position `pos` (modulo). */
function withNul(args: readonly string[], at: number, pos: number): string[] {
  const out = [...args];
  const index = at % out.length;
  const arg = out[index] as string;
  const cut = pos % (arg.length + 1);
  out[index] = `${arg.slice(0, cut)}\0${arg.slice(cut)}`;
  return out;
}

export function propertyCases(ctx: Context): void {
  const run = ctx.when("programs");
  const shell = ctx.when("posixShell");

  run(
    "any argv reaches the child byte-exact and is never interpreted (10 runs)",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(argument(), { maxLength: 96 }), async (args) => {
          const result = await ctx.runProcess(ctx.program("argv", ...args), { encoding: "bytes" });
          expect(exact(result.stdout)).toBe(nulJoined([String(args.length), ...args]));
        }),
        { numRuns: 10 },
      );
    },
    LIMIT,
  );

  it("a NUL anywhere in argv, env or cwd is a TypeError and nothing is spawned (200 runs)", async () => {
    let spawned = 0;
    const spy: ProcessAdapter = {
      runtime: ctx.adapter.runtime,
      execPath: ctx.adapter.execPath,
      pathKind: (path) => ctx.adapter.pathKind(path),
      spawn: (request) => {
        spawned++;
        return ctx.adapter.spawn(request);
      },
    };
    const api = bindAdapter(spy);
    const input = fc.tuple(fc.array(word(), { minLength: 1, maxLength: 6 }), fc.nat(), fc.nat());
    await fc.assert(
      fc.asyncProperty(input, async ([args, at, pos]) => {
        const bad = withNul(args, at, pos);
        const nul = bad[at % bad.length] as string;
        const attempts: Promise<unknown>[] = [
          api.runProcess(bad),
          api.openProcess(bad),
          api.runProcess(["true", ...bad]),
          api.runProcess(`printf %s ${nul}`),
          api.runProcess(["true"], { env: { ANYPROC_NUL: nul } }),
          api.openProcess(["true"], { env: { ANYPROC_NUL: nul }, extendEnv: false }),
          api.runProcess(["true"], { cwd: `/tmp/${nul}` }),
        ];
        for (const attempt of attempts) {
          const error = await rejection(attempt);
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).message).toContain("NUL");
        }
        expect(() => sh`printf %s ${nul}`).toThrow(TypeError);
        expect(spawned).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  run(
    "any bytes given as input come back through cat unchanged (8 runs)",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 64 * 1024, size: "max" }), async (bytes) => {
          const expected = bytes.slice();
          const result = await ctx.runProcess(ctx.program("cat"), { input: bytes, encoding: "bytes" });
          expect(result.stdout.length).toBe(expected.length);
          expect(firstDifference(result.stdout, expected)).toBe(-1);
        }),
        { numRuns: 8 },
      );
    },
    LIMIT,
  );

  run(
    "any bytes given as a stream in chunks of any size come back through cat unchanged (8 runs)",
    async () => {
      const input = fc.tuple(fc.uint8Array({ maxLength: 64 * 1024, size: "max" }), cuts);
      await fc.assert(
        fc.asyncProperty(input, async ([bytes, positions]) => {
          const expected = bytes.slice();
          const result = await ctx.runProcess(ctx.program("cat"), { input: streamOf(split(bytes, positions)), encoding: "bytes" });
          expect(result.stdout.length).toBe(expected.length);
          expect(firstDifference(result.stdout, expected)).toBe(-1);
        }),
        { numRuns: 8 },
      );
    },
    LIMIT,
  );

  run(
    "any env map round-trips exactly with extendEnv: false (8 runs)",
    async () => {
      await fc.assert(
        fc.asyncProperty(envMap, async (env) => {
          const result = await ctx.runProcess(ctx.program("env", "*"), { env, extendEnv: false, encoding: "bytes" });
          const seen = Object.entries(JSON.parse(exact(result.stdout)) as Record<string, string>);
          // Where the runtime adds variables on its own (see the exactEnv capability), only those besides env.
          const names = seen.map(([name]) => name);
          const added = addedByRuntime(ctx.caps, names, Object.keys(env));
          expect(seen.filter(([name]) => !added.includes(name)).sort()).toEqual(Object.entries(env).sort());
        }),
        { numRuns: 8 },
      );
    },
    LIMIT,
  );

  it("UTF-8 split at any byte boundaries decodes like the whole through text() and lines() (300 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(textWithLines, cuts, async (s, positions) => {
        const bytes = encoder.encode(s);
        expect(await text(streamOf(split(bytes, positions)))).toBe(s);
        expect(await allLines(streamOf(split(bytes, positions)))).toEqual(expectedLines(s));
      }),
      { numRuns: 300 },
    );
  });

  run(
    "UTF-8 a child writes in pieces split at any byte decodes like the whole, collected or streamed (5 runs)",
    async () => {
      await fc.assert(
        fc.asyncProperty(textWithLines, fc.array(fc.nat(), { maxLength: 6 }), async (s, positions) => {
          const collected = await ctx.runProcess(ctx.program("cat"), { input: streamOf(split(encoder.encode(s), positions), 2) });
          expect(collected.stdout).toBe(s);
          const proc = await ctx.openProcess(ctx.program("cat"), { stderr: "ignore" });
          try {
            const [forText, forLines] = proc.stdout!.tee();
            const feeding = streamOf(split(encoder.encode(s), positions), 2).pipeTo(proc.stdin!);
            const [whole, each] = await Promise.all([text(forText), allLines(forLines), feeding]);
            expect(whole).toBe(s);
            expect(each).toEqual(expectedLines(s));
            expect(await proc.wait()).toEqual({ exitCode: 0, signal: null });
          } finally {
            await proc[Symbol.asyncDispose]();
          }
        }),
        { numRuns: 5 },
      );
    },
    LIMIT,
  );

  shell(
    "sh`printf %s ${s}` prints s exactly, for any s, number or bigint (100 runs)",
    async () => {
      const value = fc.oneof(word(40), fc.integer(), fc.double(), fc.bigInt());
      await fc.assert(
        fc.asyncProperty(value, async (s) => {
          const result = await ctx.runProcess(sh`printf %s ${s}`, { encoding: "bytes" });
          expect(exact(result.stdout)).toBe(String(s));
        }),
        { numRuns: 100 },
      );
    },
    LIMIT,
  );

  shell(
    "sh`printf '%s\\n' ${array}` prints one line per element, next to other interpolations (100 runs)",
    async () => {
      const line = word().map((s) => s.replace(/\n/g, ""));
      await fc.assert(
        fc.asyncProperty(fc.array(line, { maxLength: 6 }), line, line, async (items, before, glued) => {
          const result = await ctx.runProcess(sh`printf '%s\n' ${before} x${glued}y ${items}`, { encoding: "bytes" });
          expect(exact(result.stdout)).toBe([before, `x${glued}y`, ...items].map((item) => `${item}\n`).join(""));
          const alone = await ctx.runProcess(sh`printf '<%s>' ${items}`, { encoding: "bytes" });
          expect(exact(alone.stdout)).toBe(items.length === 0 ? "<>" : items.map((item) => `<${item}>`).join(""));
        }),
        { numRuns: 100 },
      );
    },
    LIMIT,
  );

  ctx.when("workers")(
    "toProcess values round-trip exactly, shared references included (100 runs)",
    async () => {
      const pool = ctx.toProcess.pool({ maxWorkers: 1 });
      const work = ctx.fixture("work.mjs");
      try {
        await fc.assert(
          fc.asyncProperty(cloneable, async (value) => {
            const [out, again] = await pool.run<[unknown, unknown]>(work, "echo", [[value, value]]);
            expect(canon(out)).toEqual(canon(value));
            if (typeof value === "object" && value !== null) expect(again).toBe(out);
          }),
          { numRuns: 100 },
        );
      } finally {
        await pool.close();
      }
    },
    LIMIT,
  );
}
