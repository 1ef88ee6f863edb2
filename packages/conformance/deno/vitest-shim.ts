/**
 * The slice of vitest the shared suites use (`describe`, `it`, `it.skip`, `expect`), for `deno test`:
 * deno.json maps the `"vitest"` import here. Each `it` registers one `Deno.test` named the way vitest and
 * `bun test` report it, the enclosing `describe` names and the case name joined with " > "
 * (`conformance > stdio > ...`). `expect` is npm's `expect`, the matcher library behind Jest.
 *
 * Deno's op and resource sanitizers are off: the suites dispose of their own processes and check for
 * leaks themselves, and a sanitizer would flag pipes that are still closing when a case returns.
 */
import { expect } from "expect";

export { expect };

/** A test body; it may return a promise. */
export type TestFunction = () => unknown;

/** A per-test timeout in milliseconds, or vitest's options object carrying one. */
export type TestOptions = number | { timeout?: number };

/** `it` / `test`: registers a case; `it.skip` registers it as ignored. */
export interface TestApi {
  (name: string, fn: TestFunction, options?: TestOptions): void;
  skip(name: string, fn?: TestFunction, options?: TestOptions): void;
}

/** `describe`: groups cases under a name; `describe.skip` ignores every case inside. */
export interface DescribeApi {
  (name: string, body: () => void): void;
  skip(name: string, body: () => void): void;
}

interface DenoTestDefinition {
  name: string;
  fn: () => Promise<void>;
  ignore: boolean;
  sanitizeOps: boolean;
  sanitizeResources: boolean;
}

const denoTest = (definition: DenoTestDefinition): void =>
  (globalThis as unknown as { Deno: { test(definition: DenoTestDefinition): void } }).Deno.test(definition);

/** The default per-test timeout, the `testTimeout` of the repository's vitest configs. */
export const DEFAULT_TIMEOUT = 30_000;

const names: string[] = [];
let skipDepth = 0;

function group(name: string, body: () => void, skip: boolean): void {
  if (typeof name !== "string" || typeof body !== "function") {
    throw new TypeError("describe(name, body) needs a string name and a function body");
  }
  names.push(name);
  if (skip) skipDepth++;
  try {
    const result: unknown = body();
    if (result instanceof Promise) throw new TypeError(`describe(${JSON.stringify(name)}) must register its cases synchronously`);
  } finally {
    if (skip) skipDepth--;
    names.pop();
  }
}

function register(name: string, fn: TestFunction | undefined, options: TestOptions | undefined, skip: boolean): void {
  if (typeof name !== "string") throw new TypeError("it(name, fn) needs a string name");
  if (!skip && typeof fn !== "function") throw new TypeError(`it(${JSON.stringify(name)}, fn) needs a function`);
  const fullName = [...names, name].join(" > ");
  const timeout = (typeof options === "number" ? options : options?.timeout) ?? DEFAULT_TIMEOUT;
  denoTest({
    name: fullName,
    ignore: skip || skipDepth > 0,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: () => runWithTimeout(fn ?? (() => {}), timeout),
  });
}

/** Runs `fn`, failing like vitest ("Test timed out in N ms.") when it takes longer than `timeout`. */
async function runWithTimeout(fn: TestFunction, timeout: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    if (timeout > 0 && timeout !== Infinity) {
      timer = setTimeout(() => reject(new Error(`Test timed out in ${timeout}ms.`)), timeout);
    }
  });
  try {
    await Promise.race([Promise.resolve().then(fn), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** vitest's `describe`. */
export const describe: DescribeApi = Object.assign((name: string, body: () => void) => group(name, body, false), {
  skip: (name: string, body: () => void) => group(name, body, true),
});

/** vitest's `it`. */
export const it: TestApi = Object.assign((name: string, fn: TestFunction, options?: TestOptions) => register(name, fn, options, false), {
  skip: (name: string, fn?: TestFunction, options?: TestOptions) => register(name, fn, options, true),
});

/** vitest's `test`, the same as `it`. */
export const test: TestApi = it;
