/**
 * The slice of the `Deno` namespace this adapter uses, typed here so the package builds and typechecks
 * with plain tsc and tsup (no Deno type declarations exist for them). Reference: https://docs.deno.com/api/deno/
 */

/** How one standard stream of a `Deno.Command` child is connected. */
export type DenoStdio = "piped" | "inherit" | "null";

/** The `Deno.CommandOptions` fields anyproc sets. */
export interface DenoCommandOptions {
  args: string[];
  cwd?: string;
  clearEnv: boolean;
  env: Record<string, string>;
  stdin: DenoStdio;
  stdout: DenoStdio;
  stderr: DenoStdio;
  detached: boolean;
  /** Windows only: pass `args` as they are, unquoted. */
  windowsRawArguments?: boolean;
}

/** `Deno.CommandStatus`: `code` is 128+N when `signal` is set. */
export interface DenoCommandStatus {
  success: boolean;
  code: number;
  signal: string | null;
}

/** `Deno.ChildProcess`; a stream getter throws when that stream was not `"piped"`. */
export interface DenoChildProcess {
  readonly pid: number;
  readonly stdin: WritableStream<Uint8Array>;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array>;
  readonly status: Promise<DenoCommandStatus>;
  /** Throws `TypeError` once the child has exited, and for an unknown signal name. */
  kill(signal?: string): void;
  /** Let the child keep the event loop alive (the default) or not. */
  ref(): void;
  unref(): void;
}

/** A permission descriptor of `Deno.permissions.querySync`. */
export type DenoPermissionDescriptor =
  | { name: "run"; command?: string }
  | { name: "env"; variable?: string }
  | { name: "read"; path?: string }
  | { name: "write"; path?: string };

/** The members of `globalThis.Deno` this package calls. */
export interface DenoApi {
  Command: new (
    command: string,
    options: DenoCommandOptions,
  ) => {
    spawn(): DenoChildProcess;
    output(): Promise<{ code: number; stdout: Uint8Array; stderr: Uint8Array }>;
    outputSync(): { success: boolean; stdout: Uint8Array };
  };
  execPath(): string;
  kill(pid: number, signal: string): void;
  readonly pid: number;
  exit(code: number): never;
  addSignalListener(signal: string, listener: () => void): void;
  removeSignalListener(signal: string, listener: () => void): void;
  stat(path: string): Promise<{ isDirectory: boolean }>;
  open(
    path: string,
    options: Record<string, boolean>,
  ): Promise<{ readonly readable: ReadableStream<Uint8Array>; readonly writable: WritableStream<Uint8Array>; close(): void }>;
  env: { get(key: string): string | undefined; toObject(): Record<string, string> };
  build: { os: string; standalone?: boolean };
  permissions: { querySync(descriptor: DenoPermissionDescriptor): { state: "granted" | "prompt" | "denied" } };
}

/** `globalThis.Deno`; undefined outside Deno, so only touch it inside functions. */
export const Deno = (globalThis as { Deno?: DenoApi }).Deno as DenoApi;

/** True when `error` is the `Deno.errors` class called `name` (`NotFound`, `NotCapable`, ...). */
export function isDenoError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

/** True when the running Deno has been granted `descriptor`; never prompts and never throws. */
export function granted(descriptor: DenoPermissionDescriptor): boolean {
  try {
    return Deno.permissions.querySync(descriptor).state === "granted";
  } catch {
    return false;
  }
}
