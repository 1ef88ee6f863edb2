// The outcome errors are generic over their output; `instanceof` gives the wide type, never `any`.
import { CalledProcessError, MaxBufferError, type ProcessOutcome, ProcessTimeoutError } from "../../src/index.js";
import { type Equal, expectTrue } from "./_equal.js";

declare const caught: unknown;
declare const raw: Uint8Array;
const textOutcome = { args: ["false"], exitCode: 1, signal: null, stdout: "", stderr: "oops" } satisfies ProcessOutcome<string>;

export function narrowing(): void {
  if (caught instanceof CalledProcessError) {
    expectTrue<Equal<typeof caught, CalledProcessError>>();
    expectTrue<Equal<typeof caught.stdout, string | Uint8Array>>();
    // @ts-expect-error: the encoding of the failed call is not known here
    caught.stderr.trim();
    if (typeof caught.stderr === "string") caught.stderr.trim();
    const exitCode: number | null = caught.exitCode;
    void exitCode;
  }
  if (caught instanceof ProcessTimeoutError) {
    // undefined when it came from Process.wait(), which collects no output
    expectTrue<Equal<typeof caught.stdout, string | Uint8Array | undefined>>();
    const ms: number = caught.timeout;
    void ms;
  }
  if (caught instanceof MaxBufferError) {
    expectTrue<Equal<typeof caught.stderr, string | Uint8Array>>();
    expectTrue<Equal<typeof caught.stream, "stdout" | "stderr">>();
  }
}

export function generic(): void {
  const error = new CalledProcessError("failed", textOutcome);
  expectTrue<Equal<typeof error, CalledProcessError<string>>>();
  error.stdout.trim();
  const bytes = new MaxBufferError("big", { ...textOutcome, stdout: raw, stderr: raw }, "stdout", 1);
  expectTrue<Equal<typeof bytes.stdout, Uint8Array>>();
  expectTrue<Equal<ProcessTimeoutError<string>["stderr"], string>>();
  // A text error is a CalledProcessError, and the wide one is not a text one.
  const wide: CalledProcessError = error;
  // @ts-expect-error: the wide error may hold bytes
  const text: CalledProcessError<string> = wide;
  void text;
}

class AppError extends CalledProcessError<string> {
  readonly step = "build";
}

export function subclasses(): void {
  if (caught instanceof AppError) {
    expectTrue<Equal<typeof caught, AppError>>();
    caught.stdout.trim();
  }
}
