/**
 * Argument validation: a bad command or option rejects with a TypeError (a bad type or value) or a RangeError
 * (a number out of range) that names the offending value, before anything is spawned. Where it matters the
 * command would create a marker file, so "nothing was spawned" is checked, not assumed.
 */
import type { Command, OpenOptions, RunOptions } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { exists, rejection, removeDir, scratchDir } from "../_fixtures.js";

/** Both entry points called with options that are deliberately invalid. */
function bothWith(ctx: Context, command: Command, options: unknown): Promise<unknown>[] {
  return [ctx.runProcess(command, options as RunOptions), ctx.openProcess(command, options as OpenOptions)];
}

/** Expects every call to reject with an instance of `kind` whose message contains each of `mentions`. */
async function expectRejections(calls: Promise<unknown>[], kind: typeof TypeError | typeof RangeError, ...mentions: string[]) {
  for (const error of await Promise.all(calls.map(rejection))) {
    expect(error).toBeInstanceOf(kind);
    for (const text of mentions) expect((error as Error).message).toContain(text);
  }
}

/** Expects a TypeError or a RangeError: either is right for a number that is not a valid duration or size. */
async function expectArgumentError(call: Promise<unknown>) {
  const error = await rejection(call);
  expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
}

/**
 * Runs `attempt` with the argv of a command that would create a marker file, then checks that the file
 * was never created: the call was rejected before spawning.
 */
async function spawnsNothing(ctx: Context, attempt: (touch: string[], marker: string) => Promise<void>): Promise<void> {
  const dir = await scratchDir("anyproc-validate");
  try {
    const marker = `${dir}/spawned`;
    await attempt(ctx.program("touch", marker), marker);
    await ctx.sleep(150);
    expect(await exists(ctx, marker)).toBe(false);
  } finally {
    await removeDir(dir);
  }
}

export function validationCases(ctx: Context): void {
  /** The cases that check that nothing was spawned: the command they pass would start the program. */
  const marks = ctx.when("programs");

  marks("an unknown stdio value is a TypeError naming it, and nothing is spawned", async () => {
    await spawnsNothing(ctx, async (touch) => {
      await expectRejections(bothWith(ctx, touch, { stdout: "piped" }), TypeError, "piped");
      await expectRejections(bothWith(ctx, touch, { stderr: "stdout2" }), TypeError, "stdout2");
      await expectRejections(bothWith(ctx, touch, { stdin: "null" }), TypeError, "null");
      await expectRejections(bothWith(ctx, touch, { stdout: 1.5 }), TypeError, "1.5");
      await expectRejections(bothWith(ctx, touch, { stderr: { file: "" } }), TypeError, "stderr.file");
      await expectRejections(bothWith(ctx, touch, { stdout: { path: "x" } }), TypeError, "path");
    });
  });

  marks("a negative timeout or forceKillAfter is a RangeError, and nothing is spawned", async () => {
    await spawnsNothing(ctx, async (touch) => {
      await expectRejections(bothWith(ctx, touch, { timeout: -1 }), RangeError, "-1");
      await expectRejections(bothWith(ctx, touch, { forceKillAfter: -5 }), RangeError, "-5");
    });
  });

  it("a NaN, infinite or non-number timeout is rejected", async () => {
    for (const timeout of [Number.NaN, Number.POSITIVE_INFINITY, "100", null]) {
      for (const call of bothWith(ctx, ["true"], { timeout })) await expectArgumentError(call);
    }
    for (const forceKillAfter of [Number.NaN, Number.POSITIVE_INFINITY]) {
      for (const call of bothWith(ctx, ["true"], { forceKillAfter })) await expectArgumentError(call);
    }
  });

  marks("a NUL byte in an argument is a TypeError, and nothing is spawned", async () => {
    await spawnsNothing(ctx, async (touch) => {
      await expectRejections([ctx.runProcess([...touch, "a\0b"]), ctx.openProcess([...touch, "a\0b"])], TypeError);
      await expectRejections([ctx.runProcess([`${touch[0]}\0`, ...touch.slice(1)])], TypeError);
    });
  });

  marks("a NUL byte in a string command is a TypeError, and nothing is spawned", async () => {
    await spawnsNothing(ctx, async (_touch, marker) => {
      const command = `${ctx.programLine("touch", marker)} && echo a\0b`;
      await expectRejections([ctx.runProcess(command), ctx.openProcess(command)], TypeError);
    });
  });

  marks("a NUL byte in an env value is a TypeError, and nothing is spawned", async () => {
    await spawnsNothing(ctx, async (touch) => {
      await expectRejections(bothWith(ctx, touch, { env: { ANYPROC_BAD: "a\0b" } }), TypeError, "ANYPROC_BAD");
    });
  });

  it("an env name that is empty or contains '=' or NUL is a TypeError", async () => {
    for (const name of ["", "A=B", "A\0B"]) {
      await expectRejections(bothWith(ctx, ["true"], { env: { [name]: "x" } }), TypeError);
    }
  });

  marks("a NUL byte in cwd, as a string or a URL, is a TypeError, and nothing is spawned", async () => {
    await spawnsNothing(ctx, async (touch) => {
      await expectRejections(bothWith(ctx, touch, { cwd: "/tmp\0/x" }), TypeError);
      await expectRejections(bothWith(ctx, touch, { cwd: new URL("file:///tmp/a%00b") }), TypeError);
    });
  });

  it("a cwd that is not a non-empty string or a file: URL is a TypeError", async () => {
    for (const cwd of ["", 42, null, new URL("https://example.com/dir")]) {
      await expectRejections(bothWith(ctx, ["true"], { cwd }), TypeError);
    }
  });

  marks("an unknown killSignal is a TypeError naming it, and nothing is spawned", async () => {
    await spawnsNothing(ctx, async (touch) => {
      await expectRejections(bothWith(ctx, touch, { killSignal: "SIGNOPE" }), TypeError, "SIGNOPE");
      await expectRejections(bothWith(ctx, touch, { killSignal: 9 }), TypeError);
    });
  });

  marks("an unknown option is a TypeError naming it, and nothing is spawned", async () => {
    await spawnsNothing(ctx, async (touch) => {
      await expectRejections(bothWith(ctx, touch, { timout: 100 }), TypeError, "timout");
      // Options of runProcess alone are unknown to openProcess.
      const runOnly = { input: "x", check: false, encoding: "utf8", maxBuffer: 10 };
      for (const [key, value] of Object.entries(runOnly)) {
        await expectRejections([ctx.openProcess(touch, { [key]: value } as OpenOptions)], TypeError, key);
      }
    });
  });

  it("an empty command (array or string) is a TypeError", async () => {
    for (const command of [[], "", "   "] as Command[]) {
      await expectRejections([ctx.runProcess(command), ctx.openProcess(command)], TypeError);
    }
  });

  marks("a command that is not a string or an array of strings is a TypeError", async () => {
    await spawnsNothing(ctx, async (touch) => {
      await expectRejections([ctx.runProcess([...touch, 1] as never), ctx.openProcess([...touch, null] as never)], TypeError);
    });
    for (const command of [42, null, undefined, { file: "true" }]) {
      await expectRejections([ctx.runProcess(command as never), ctx.openProcess(command as never)], TypeError);
    }
  });

  it("a maxBuffer that is negative, fractional or NaN is a RangeError; a non-number is rejected", async () => {
    for (const maxBuffer of [-1, 1.5, Number.NaN]) {
      await expectRejections([ctx.runProcess(["true"], { maxBuffer })], RangeError);
    }
    await expectArgumentError(ctx.runProcess(["true"], { maxBuffer: "1000" as never }));
  });

  it("an unknown encoding is a TypeError naming it", async () => {
    for (const encoding of ["latin1", "buffer"]) {
      await expectRejections([ctx.runProcess(["true"], { encoding } as never)], TypeError, encoding);
    }
  });

  it("options that are not an object are a TypeError", async () => {
    for (const options of ["fast", 42, null, true, []]) {
      await expectRejections(bothWith(ctx, ["true"], options), TypeError);
    }
  });

  it("env that is not an object, or a value that is not a string, is a TypeError", async () => {
    for (const env of ["A=1", 42, null, ["A=1"]]) {
      await expectRejections(bothWith(ctx, ["true"], { env }), TypeError);
    }
    await expectRejections(bothWith(ctx, ["true"], { env: { ANYPROC_NUM: 1 } }), TypeError, "ANYPROC_NUM");
  });

  it("a signal that is not an AbortSignal is a TypeError", async () => {
    for (const signal of [new AbortController(), { aborted: false }, "abort", null]) {
      await expectRejections(bothWith(ctx, ["true"], { signal }), TypeError);
    }
  });

  it("boolean options reject values that are not booleans", async () => {
    for (const key of ["extendEnv", "detached", "killTree"]) {
      await expectRejections(bothWith(ctx, ["true"], { [key]: "true" }), TypeError, key);
    }
    await expectRejections([ctx.runProcess(["true"], { check: 0 as never })], TypeError, "check");
  });

  it("input of the wrong type, or input with a stdin that is not a pipe, is a TypeError", async () => {
    await expectRejections([ctx.runProcess(["cat"], { input: 42 as never })], TypeError);
    await expectRejections([ctx.runProcess(["cat"], { input: "x", stdin: "inherit" })], TypeError);
  });
}
