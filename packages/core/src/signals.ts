/**
 * POSIX signal names anyproc accepts, and the check that guards every API taking one.
 * A name outside this list is rejected with a TypeError before anything is signalled.
 */

/** Every signal name anyproc accepts, in Linux numbering order. */
export const SIGNALS = [
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGILL",
  "SIGTRAP",
  "SIGABRT",
  "SIGBUS",
  "SIGFPE",
  "SIGKILL",
  "SIGUSR1",
  "SIGSEGV",
  "SIGUSR2",
  "SIGPIPE",
  "SIGALRM",
  "SIGTERM",
  "SIGCHLD",
  "SIGCONT",
  "SIGSTOP",
  "SIGTSTP",
  "SIGTTIN",
  "SIGTTOU",
  "SIGURG",
  "SIGXCPU",
  "SIGXFSZ",
  "SIGVTALRM",
  "SIGPROF",
  "SIGWINCH",
  "SIGIO",
  "SIGPWR",
  "SIGSYS",
] as const;

/** A POSIX signal name such as `"SIGTERM"`. */
export type Signal = (typeof SIGNALS)[number];

const known: ReadonlySet<string> = new Set(SIGNALS);

/** True when `value` is a signal name anyproc accepts. */
export function isSignal(value: unknown): value is Signal {
  return typeof value === "string" && known.has(value);
}

/** Throws a TypeError naming `value` unless it is a known signal name. */
export function assertSignal(value: unknown, what: string): asserts value is Signal {
  if (!isSignal(value)) {
    throw new TypeError(`\`${what}\` must be a signal name such as "SIGTERM", got ${describeValue(value)}`);
  }
}

/** Renders a value for an error message: strings quoted, everything else by type. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array`;
  return `a value of type ${typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value}`;
}
