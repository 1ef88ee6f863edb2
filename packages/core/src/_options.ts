/**
 * Option validation and normalisation: pure functions that turn a command and user options into a
 * `SpawnRequest` plus the policy settings core applies. Nothing here spawns; every bad value throws a
 * TypeError or RangeError that names it.
 */

import { pathOption } from "./_path.js";
import { isRedirect, type Redirects, redirectOf } from "./_redirect.js";
import type { EnvRequest, SpawnRequest } from "./adapter.js";
import { assertSignal, describeValue, type Signal } from "./signals.js";
import type { Command, CommonOptions, OpenOptions, RunOptions } from "./types.js";

/** Policy settings shared by runProcess and openProcess. */
export interface Policy {
  readonly signal: AbortSignal | undefined;
  readonly timeout: number;
  readonly killSignal: Signal;
  readonly forceKillAfter: number;
  readonly killTree: boolean;
  /** The child was spawned `detached`: it leads a process group of its own. */
  readonly detached: boolean;
  readonly cleanup: boolean;
}

/** A fully validated call. */
export interface Plan {
  readonly args: string[];
  /** The streams redirected to a file or a descriptor, or undefined when none is (their request mode says "pipe"). */
  readonly redirects?: Redirects;
  /** The command was a string, run by the shell: its text is the last of {@link args}. */
  readonly shell: boolean;
  readonly request: SpawnRequest;
  readonly policy: Policy;
}

/** Settings only runProcess has. */
export interface RunPlan extends Plan, Omit<RunSettings, "stdin"> {}

/** The options runProcess and openProcess share. */
export const COMMON = [
  "cwd",
  "env",
  "extendEnv",
  "stdin",
  "stdout",
  "stderr",
  "detached",
  "signal",
  "timeout",
  "killSignal",
  "forceKillAfter",
  "killTree",
  "cleanup",
];
/** The options only runProcess has. */
export const RUN_ONLY = ["input", "check", "encoding", "maxBuffer"];
const RUN_KEYS = new Set([...COMMON, ...RUN_ONLY]);
const OPEN_KEYS = new Set(COMMON);
const STDIO = ["pipe", "inherit", "ignore"];

/**
 * What anyproc uses instead of an option that execa or child_process have and anyproc does not, by option
 * name: the hint ending the "Unknown option" TypeError, for runProcess (`run`) or openProcess (`open`).
 */
const INSTEAD: Record<string, { run: string; open: string }> = {
  shell: both("pass the command as a string to run it with /bin/sh -c (an array never passes a shell)"),
  stdio: both('set `stdin`, `stdout` and `stderr` one by one, each "pipe", "inherit", "ignore", { file } or a descriptor number'),
  reject: {
    run: "pass `check: false` to resolve on a non-zero exit",
    open: "openProcess never rejects for an exit status: read `exitCode` from what wait() resolves",
  },
  all: both('pass `stderr: "stdout"` to get both streams in stdout, in the order they were written'),
  stripFinalNewline: both("anyproc keeps the output as written: trim it yourself, e.g. with `.trimEnd()`"),
  buffer: {
    run: "runProcess always collects the output: use openProcess to read the streams as they come",
    open: "openProcess never collects the output: read its streams",
  },
  cancelSignal: both("pass an AbortSignal as `signal`"),
  forceKillAfterDelay: both("pass `forceKillAfter` (milliseconds before SIGKILL)"),
  windowsHide: both("anyproc has no Windows options: remove it"),
};

function both(hint: string): { run: string; open: string } {
  return { run: hint, open: hint };
}

/** Default `maxBuffer`: 64 MiB per stream. */
export const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;
/** Default `forceKillAfter`: 5 s. */
export const DEFAULT_FORCE_KILL_AFTER = 5000;

/** How a string command runs on POSIX systems: `/bin/sh -c <command>`. */
export const POSIX_SHELL: readonly string[] = ["/bin/sh", "-c"];

/**
 * Validates a command and returns the argv to execute; a string command runs as `[...shell, command]`
 * (`/bin/sh -c` on POSIX systems, `cmd.exe /d /s /c` on Windows).
 */
export function commandArgs(command: Command, shell: readonly string[] = POSIX_SHELL): string[] {
  if (typeof command === "string") {
    if (command.trim() === "") throw new TypeError(`The command must not be empty, got ${describeValue(command)}`);
    assertNoNul(command, "The command");
    return [...shell, command];
  }
  if (!Array.isArray(command)) {
    throw new TypeError(`The command must be a string or an array of strings, got ${describeValue(command)}`);
  }
  if (command.length === 0) throw new TypeError("The command array must not be empty");
  // Every element is checked for its type and for NUL before command[0] for emptiness: a NUL is the one
  // defect no spawn on any platform can carry, so it is the error named whatever else is wrong.
  const args = command.map((arg: unknown, index) => {
    if (typeof arg !== "string") throw new TypeError(`command[${index}] must be a string, got ${describeValue(arg)}`);
    assertNoNul(arg, `command[${index}]`);
    return arg;
  });
  if (args[0] === "") {
    throw new TypeError('command[0] must not be empty, got "": it is the program to run, a name on PATH or a path');
  }
  return args;
}

/** Validates the options of runProcess. */
export function planRun(command: Command, options: RunOptions | undefined, shell?: readonly string[]): RunPlan {
  const opts = checkKeys(options, RUN_KEYS, "runProcess()", "run");
  const settings = runSettings(opts);
  const plan = planCommon(command, opts, settings.stdin, shell);
  return { ...plan, ...settings };
}

/** What only a call that collects the output has: `input` and the first stdin it implies, `check`, `encoding`, `maxBuffer`. */
export interface RunSettings {
  readonly input: string | Uint8Array | ReadableStream<Uint8Array> | undefined;
  readonly stdin: "pipe" | "inherit" | "ignore";
  readonly check: boolean;
  readonly encoding: "utf8" | "bytes";
  readonly maxBuffer: number;
}

/** Validates the settings of a call that collects the output (runProcess, runPipeline). */
export function runSettings(opts: Pick<RunOptions, "input" | "stdin" | "check" | "encoding" | "maxBuffer">): RunSettings {
  const input = opts.input;
  if (input !== undefined && typeof input !== "string" && !(input instanceof Uint8Array) && !isReadableStream(input)) {
    throw new TypeError(`\`input\` must be a string, a Uint8Array or a ReadableStream, got ${describeValue(input)}`);
  }
  if (input !== undefined && opts.stdin !== undefined && opts.stdin !== "pipe") {
    throw new TypeError(`\`input\` needs stdin "pipe", but \`stdin\` is ${describeValue(opts.stdin)}`);
  }
  const stdin = input !== undefined ? "pipe" : stdio(opts.stdin, "stdin", "ignore");
  const encoding = opts.encoding ?? "utf8";
  if (encoding !== "utf8" && encoding !== "bytes") {
    throw new TypeError(`\`encoding\` must be "utf8" or "bytes", got ${describeValue(encoding)}`);
  }
  const maxBuffer = opts.maxBuffer ?? DEFAULT_MAX_BUFFER;
  if (
    typeof maxBuffer !== "number" ||
    Number.isNaN(maxBuffer) ||
    maxBuffer < 0 ||
    (!Number.isInteger(maxBuffer) && maxBuffer !== Infinity)
  ) {
    throw new RangeError(`\`maxBuffer\` must be a non-negative integer, got ${describeValue(maxBuffer)}`);
  }
  return { input, stdin, check: bool(opts.check, "check", true), encoding, maxBuffer };
}

/** Validates the options of openProcess. */
export function planOpen(command: Command, options: OpenOptions | undefined, shell?: readonly string[]): Plan {
  const opts = checkKeys(options, OPEN_KEYS, "openProcess()", "open");
  return planCommon(command, opts, stdio(opts.stdin, "stdin", "pipe"), shell);
}

/** Validates what runProcess and openProcess share; `stdin` is already decided. */
export function planCommon(
  command: Command,
  opts: CommonOptions & { stdin?: unknown },
  stdin: "pipe" | "inherit" | "ignore",
  shell?: readonly string[],
): Plan {
  const args = commandArgs(command, shell);
  const stderr = opts.stderr === "stdout" ? "stdout" : stdio(opts.stderr, "stderr", "pipe", ', "stdout"');
  const killTree = bool(opts.killTree, "killTree", false);
  const detached = bool(opts.detached, "detached", false);
  const signal = opts.signal;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError(`\`signal\` must be an AbortSignal, got ${describeValue(signal)}`);
  }
  const killSignal = opts.killSignal ?? "SIGTERM";
  if (opts.killSignal !== undefined) assertSignal(killSignal, "killSignal");
  const redirected: { -readonly [K in keyof Redirects]: Redirects[K] } = {};
  for (const stream of ["stdin", "stdout", "stderr"] as const) {
    const redirect = redirectOf(opts[stream], stream);
    if (redirect) redirected[stream] = redirect;
  }
  const redirects = Object.keys(redirected).length > 0 ? { redirects: redirected } : {};
  const request: SpawnRequest = {
    file: args[0] as string,
    args: args.slice(1),
    cwd: cwdPath(opts.cwd),
    env: envRequest(opts.env, bool(opts.extendEnv, "extendEnv", true)),
    stdin,
    stdout: stdio(opts.stdout, "stdout", "pipe"),
    stderr,
    detached,
  };
  const policy: Policy = {
    signal,
    timeout: duration(opts.timeout, "timeout", 0),
    killSignal,
    forceKillAfter: duration(opts.forceKillAfter, "forceKillAfter", DEFAULT_FORCE_KILL_AFTER),
    killTree,
    detached,
    cleanup: bool(opts.cleanup, "cleanup", !detached),
  };
  return { args, shell: typeof command === "string", request, policy, ...redirects };
}

/**
 * Checks that `options` is an object of `allowed` keys, for `where` (`runProcess()`, say); an unknown key that
 * execa or child_process has gets the hint of what anyproc uses instead, as runProcess (`run`) or openProcess
 * (`open`) words it.
 */
export function checkKeys(options: unknown, allowed: ReadonlySet<string>, where: string, call: "run" | "open"): RunOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`The options of ${where} must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (allowed.has(key)) continue;
    const hint = Object.hasOwn(INSTEAD, key) ? `: ${INSTEAD[key]?.[call]}` : "";
    throw new TypeError(`Unknown option ${JSON.stringify(key)} for ${where}${hint}`);
  }
  return options as RunOptions;
}

/** Validates a stdio mode, `fallback` when undefined. */
export function stdio(value: unknown, name: string, fallback: "pipe" | "inherit" | "ignore", extra = ""): "pipe" | "inherit" | "ignore" {
  if (value === undefined) return fallback;
  if (typeof value === "string" && STDIO.includes(value)) return value as "pipe" | "inherit" | "ignore";
  // A file or a descriptor travels as a pipe in the request until ./_spawn.ts applies it (see Plan.redirects).
  if (isRedirect(value)) return "pipe";
  throw new TypeError(
    `\`${name}\` must be "pipe", "inherit", "ignore"${extra}, { file } or a descriptor number, got ${describeValue(value)}`,
  );
}

function bool(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new TypeError(`\`${name}\` must be a boolean, got ${describeValue(value)}`);
  return value;
}

function duration(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`\`${name}\` must be a number of milliseconds, got ${describeValue(value)}`);
  }
  if (value < 0 || value === Infinity) {
    throw new RangeError(`\`${name}\` must be a non-negative finite number, got ${describeValue(value)}`);
  }
  return value;
}

function cwdPath(cwd: unknown): string | undefined {
  return cwd === undefined ? undefined : pathOption(cwd, "`cwd`");
}

/** The env requests without `env`, shared by every call (adapters only read them): nothing allocated per spawn. */
const NO_ENV = {
  inherit: Object.freeze({ inherit: true, set: Object.freeze({}), unset: Object.freeze([]) }),
  empty: Object.freeze({ inherit: false, set: Object.freeze({}), unset: Object.freeze([]) }),
} satisfies Record<string, EnvRequest>;

function envRequest(env: unknown, inherit: boolean): EnvRequest {
  if (env === undefined) return inherit ? NO_ENV.inherit : NO_ENV.empty;
  if (env === null || typeof env !== "object" || Array.isArray(env)) {
    throw new TypeError(`\`env\` must be an object of strings, got ${describeValue(env)}`);
  }
  const set: Record<string, string> = {};
  const unset: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (key === "" || key.includes("=") || key.includes("\0")) {
      throw new TypeError(`\`env\` has an invalid variable name ${JSON.stringify(key)}`);
    }
    if (value === undefined) {
      unset.push(key);
    } else if (typeof value === "string") {
      assertNoNul(value, `\`env.${key}\``);
      set[key] = value;
    } else {
      throw new TypeError(`\`env.${key}\` must be a string or undefined, got ${describeValue(value)}`);
    }
  }
  return { inherit, set, unset };
}

function assertNoNul(value: string, what: string): void {
  if (value.includes("\0")) throw new TypeError(`${what} must not contain a NUL byte, got ${JSON.stringify(value)}`);
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof AbortSignal !== "undefined" && value instanceof AbortSignal;
}
