/**
 * Error classes and messages: every class extends `ProcessError` (and `Error`) and has `name` equal to its
 * class name, whichever runtime raised the underlying failure; a failed child's error carries its outcome
 * and a message with the command, the status and the tail of stderr.
 */
import {
  BrokenPipeError,
  BrokenWorkerError,
  CalledProcessError,
  type ErrorKind,
  isProcessError,
  MaxBufferError,
  ProcessError,
  type ProcessOutcome,
  ProcessTimeoutError,
  SpawnError,
  WorkerStartError,
} from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { rejection } from "../_fixtures.js";

const outcome: ProcessOutcome = { args: ["sh", "-c", "exit 3"], exitCode: 3, signal: null, stdout: "out", stderr: "err" };

/** One instance of every class, built through its public constructor, under its class name. */
const instances: ReadonlyArray<readonly [ErrorKind, () => ProcessError]> = [
  ["ProcessError", () => new ProcessError("base")],
  ["SpawnError", () => new SpawnError("spawn", { code: "ENOENT", args: ["nope"], cwd: undefined })],
  ["CalledProcessError", () => new CalledProcessError("called", outcome)],
  ["ProcessTimeoutError", () => new ProcessTimeoutError("timeout", outcome, 100)],
  ["MaxBufferError", () => new MaxBufferError("max", outcome, "stdout", 10)],
  ["BrokenPipeError", () => new BrokenPipeError("pipe")],
  ["BrokenWorkerError", () => new BrokenWorkerError("worker", { exitCode: 1, signal: null })],
  ["WorkerStartError", () => new WorkerStartError("start", { exitCode: 1, signal: null })],
];

/** The classes each class extends, itself included. */
const lineage: Partial<Record<ErrorKind, readonly ErrorKind[]>> = { WorkerStartError: ["BrokenWorkerError"] };

export function errorCases(ctx: Context): void {
  for (const [name, make] of instances) {
    it(`${name} has name "${name}" and extends ProcessError and Error`, () => {
      const error = make();
      expect(error.name).toBe(name);
      expect(error).toBeInstanceOf(ProcessError);
      expect(error).toBeInstanceOf(Error);
      expect(Object.prototype.toString.call(error)).toBe("[object Error]");
      expect(String(error)).toContain(name);
      expect(typeof error.stack).toBe("string");
    });

    it(`isProcessError recognises a ${name} as a ProcessError and as a ${name}, and as no other class`, () => {
      const error = make();
      expect(isProcessError(error)).toBe(true);
      const ancestors = new Set<ErrorKind>([name, "ProcessError", ...(lineage[name] ?? [])]);
      for (const [other] of instances) expect([other, isProcessError(error, other)]).toEqual([other, ancestors.has(other)]);
    });
  }

  it("isProcessError is false for anything else, and names the classes for an unknown one", () => {
    for (const value of [new Error("plain"), new TypeError("t"), { name: "ProcessError" }, "ProcessError", null, undefined, 0]) {
      expect(isProcessError(value)).toBe(false);
    }
    const wrong = (() => {
      try {
        isProcessError(new ProcessError("x"), "Nope" as ErrorKind);
      } catch (error) {
        return error;
      }
    })();
    expect(wrong).toBeInstanceOf(TypeError);
    expect((wrong as Error).message).toContain('"Nope"');
    expect((wrong as Error).message).toContain("CalledProcessError");
  });

  it("ProcessError keeps its cause, and the outcome fields are set by the constructors", () => {
    const cause = new Error("root cause");
    expect(new ProcessError("wrapped", { cause }).cause).toBe(cause);
    const timeout = new ProcessTimeoutError("t", outcome, 250);
    expect(timeout.timeout).toBe(250);
    expect(timeout.exitCode).toBe(3);
    expect(timeout.stdout).toBe("out");
    const max = new MaxBufferError("m", outcome, "stderr", 10);
    expect(max.stream).toBe("stderr");
    expect(max.maxBuffer).toBe(10);
    const spawn = new SpawnError("s", { code: "EACCES", args: ["./x"], cwd: "/tmp" });
    expect([spawn.code, spawn.args, spawn.cwd]).toEqual(["EACCES", ["./x"], "/tmp"]);
    expect(new BrokenPipeError("p").code).toBe("EPIPE");
    const worker = new BrokenWorkerError("w", { exitCode: null, signal: "SIGKILL" });
    expect([worker.exitCode, worker.signal]).toEqual([null, "SIGKILL"]);
  });

  const run = ctx.when("programs");

  run("CalledProcessError carries the outcome; its message has the command, the status and the stderr tail", async () => {
    const command = ctx.program("out", "out\n", "err", "first-line\n", "err", "the-tail-of-stderr\n", "exit", "3");
    const error = await rejection(ctx.runProcess(command));
    expect(error).toBeInstanceOf(CalledProcessError);
    expect(error).toBeInstanceOf(ProcessError);
    const failed = error as CalledProcessError;
    expect(failed.name).toBe("CalledProcessError");
    expect(failed.args).toEqual(command);
    expect(failed.exitCode).toBe(3);
    expect(failed.signal).toBeNull();
    expect(failed.stdout).toBe("out\n");
    expect(failed.stderr).toBe("first-line\nthe-tail-of-stderr\n");
    expect(failed.message).toContain('err "first-line\\n" err "the-tail-of-stderr\\n" exit 3');
    expect(failed.message).toContain("exit code 3");
    expect(failed.message).toContain("the-tail-of-stderr");
  });

  run("the message of a string command names it; a long stderr contributes only its tail", async () => {
    const error = await rejection(ctx.runProcess(ctx.programLine("lines", "err", "3000", "line-", "exit", "9")));
    expect(error).toBeInstanceOf(CalledProcessError);
    const failed = error as CalledProcessError;
    expect(failed.exitCode).toBe(9);
    expect(failed.message).toContain("exit code 9");
    expect(failed.message).toContain("lines err 3000 line- exit 9");
    expect(failed.message).toContain("line-2999");
    expect(failed.message.length).toBeLessThan(String(failed.stderr).length);
  });

  ctx.when("signals")("a CalledProcessError for a signal death names the signal", async () => {
    const error = await rejection(ctx.runProcess(ctx.sh("kill -TERM $$")));
    expect(error).toBeInstanceOf(CalledProcessError);
    const failed = error as CalledProcessError;
    expect(failed.exitCode).toBeNull();
    expect(failed.signal).toBe("SIGTERM");
    expect(failed.message).toContain("SIGTERM");
  });

  run('encoding "bytes" puts Uint8Array output in the error, and its message still shows stderr as text', async () => {
    const error = await rejection(ctx.runProcess(ctx.program("out", "abc", "err", "bad thing", "exit", "2"), { encoding: "bytes" }));
    expect(error).toBeInstanceOf(CalledProcessError);
    const failed = error as CalledProcessError;
    expect(failed.stdout).toBeInstanceOf(Uint8Array);
    expect(failed.stderr).toBeInstanceOf(Uint8Array);
    expect(Array.from(failed.stdout as Uint8Array)).toEqual([97, 98, 99]);
    expect(new TextDecoder().decode(failed.stderr as Uint8Array)).toBe("bad thing");
    expect(failed.message).toContain("bad thing");
  });

  run("check: false never throws for a non-zero exit", async () => {
    const result = await ctx.runProcess(ctx.program("out", "partial\n", "exit", "3"), { check: false });
    expect(result.exitCode).toBe(3);
    expect(result.signal).toBeNull();
    expect(result.stdout).toBe("partial\n");
  });

  ctx.when("signals")("check: false never throws for a signal death either", async () => {
    const result = await ctx.runProcess(ctx.sh("kill -KILL $$"), { check: false });
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGKILL");
  });

  run("ProcessTimeoutError names the command and the timeout", async () => {
    const error = await rejection(ctx.runProcess(ctx.program("sleep", "30000"), { timeout: 200 }));
    expect(error).toBeInstanceOf(ProcessTimeoutError);
    expect(error).toBeInstanceOf(ProcessError);
    expect((error as Error).name).toBe("ProcessTimeoutError");
    expect((error as Error).message).toContain("sleep 30000");
    expect((error as Error).message).toContain("200");
  });
}
