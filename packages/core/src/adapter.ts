/**
 * The adapter interface: the one primitive a runtime must provide. Everything else (timeouts, abort,
 * escalation, buffering, decoding, `check`, dispose) is core policy written over it. Types only.
 */

import type { Signal } from "./signals.js";
import type { ExitStatus } from "./types.js";

/** Names of the runtimes with a first-party adapter; third-party adapters may use any string. */
export type RuntimeName = "node" | "bun" | "deno";

/** The environment a child gets, in a form every runtime can apply without reading the caller's env first. */
export interface EnvRequest {
  /** Start from the caller's current environment (true) or from nothing (false). */
  readonly inherit: boolean;
  /** Variables to set. */
  readonly set: Readonly<Record<string, string>>;
  /** Variables to remove from the inherited environment. */
  readonly unset: readonly string[];
}

/** A validated, normalised request to start one child. */
export interface SpawnRequest {
  /** Executable: a name looked up on PATH, or a path. */
  readonly file: string;
  /** Arguments after the executable. */
  readonly args: readonly string[];
  /** Absolute or relative working directory, or undefined for the caller's. */
  readonly cwd: string | undefined;
  /** The child's environment. */
  readonly env: EnvRequest;
  /** How the child's stdin is connected. */
  readonly stdin: "pipe" | "inherit" | "ignore";
  /** How the child's stdout is connected. */
  readonly stdout: "pipe" | "inherit" | "ignore";
  /** `"stdout"`: stderr shares stdout's pipe, in one file description, so ordering is preserved. */
  readonly stderr: "pipe" | "inherit" | "ignore" | "stdout";
  /** Start the child in a new session and process group (setsid); it loses the caller's controlling terminal. */
  readonly detached: boolean;
  /**
   * Windows only: `args` are already quoted for the child's command line (core runs `cmd.exe` so), and the
   * runtime must join them with spaces unchanged (Node's and Bun's `windowsVerbatimArguments`, Deno's
   * `windowsRawArguments`). Absent elsewhere.
   */
  readonly verbatim?: boolean;
  /**
   * Only to an adapter with {@link ProcessAdapter.links}: the child's stdin is the read end of this link, the
   * stdout pipe of an earlier child of the same adapter; `stdin` is then `"pipe"` and not read.
   */
  readonly stdinLink?: StdoutLink;
  /**
   * Only to an adapter with {@link ProcessAdapter.links}: the child's stdout is a pipe that core passes on as a
   * later child's {@link stdinLink} (`stdout` is then `"pipe"` and not read). The caller never reads from it:
   * the child's {@link SpawnedChild.stdout} is null and {@link SpawnedChild.link} holds the read end.
   */
  readonly stdoutLink?: boolean;
  /**
   * Only to an adapter with {@link ProcessAdapter.descriptors}: descriptors of the caller to pass as the child's
   * stdin, stdout or stderr, in place of what `stdin`, `stdout` and `stderr` say (each is then `"ignore"` and not
   * read). Core opens the files the options name and closes its descriptors once the child has started.
   */
  readonly fds?: StdioDescriptors;
}

/** How a file is opened for a child's stdio: read for stdin; written from the start (created or truncated), or appended to. */
export type FileAccess = "read" | "write" | "append";

/** Descriptors of the caller to pass to a child as its standard streams (see {@link SpawnRequest.fds}). */
export interface StdioDescriptors {
  /** The descriptor the child reads as its stdin. */
  readonly stdin?: number;
  /** The descriptor the child writes as its stdout. */
  readonly stdout?: number;
  /** The descriptor the child writes as its stderr. */
  readonly stderr?: number;
}

/**
 * A file the adapter opened for a child's stdio (see {@link ProcessAdapter.openFile}): a descriptor, or, where
 * the runtime cannot pass one to a child, a stream core copies through.
 */
export type OpenedFile = OpenedDescriptor | OpenedReadable | OpenedWritable;

/** A file opened as a descriptor, to pass to a child. */
export interface OpenedDescriptor {
  /** The caller's descriptor of the file. */
  readonly fd: number;
  /** Closes the caller's descriptor (the child keeps its own); never rejects, safe to call twice. */
  close(): Promise<void>;
}

/** A file opened for reading as a stream, which core copies into a child's stdin. */
export interface OpenedReadable {
  /** The file's bytes from its start. */
  readonly readable: ReadableStream<Uint8Array>;
  /** Closes the file if the stream has not; never rejects, safe to call twice. */
  close(): Promise<void>;
}

/** A file opened for writing as a stream, which core copies a child's stdout or stderr into. */
export interface OpenedWritable {
  /** Writes to the file (from its start, or at its end when appending); closing it closes the file. */
  readonly writable: WritableStream<Uint8Array>;
  /** Closes the file if the stream has not; never rejects, safe to call twice. */
  close(): Promise<void>;
}

/**
 * The read end of a child's stdout pipe, kept by the adapter for a later child's stdin (a pipeline's next
 * stage), so that the bytes pass from one child to the next without the caller reading them. Opaque to core.
 */
export interface StdoutLink {
  /**
   * Lets go of what the caller holds of the link: its copy of the read end, which it holds without reading
   * so that the writer is not told of a closed pipe before core decides (see docs/pipelines.md), or the name
   * through which the two children open it. Core calls it once either child has exited. Safe to call twice.
   */
  close(): void;
}

/** A child the adapter has started. */
export interface SpawnedChild {
  /** The child's process id. */
  readonly pid: number;
  /**
   * Piped stdin; a write that fails (the child closed its end) rejects, it never throws asynchronously. Core
   * writes through one writer and catches the writer's `closed` and `ready` promises, so a runtime's own
   * stream can be handed over as it is.
   */
  readonly stdin: WritableStream<Uint8Array> | null;
  /**
   * Piped stdout (carrying stderr too when `stderr` was `"stdout"`). Core wraps a plain readable so it can
   * release the pipe on dispose even while a caller holds a reader; a {@link ReleasableStream} does that
   * itself and is handed to the caller unwrapped (one layer less per chunk).
   */
  readonly stdout: ReadableStream<Uint8Array> | ReleasableStream | null;
  /** Piped stderr, as {@link stdout}; null when not piped or when it shares stdout's pipe. */
  readonly stderr: ReadableStream<Uint8Array> | ReleasableStream | null;
  /** Resolves once the child has exited, normalised to exactly one non-null field; never rejects. */
  readonly exited: Promise<ExitStatus>;
  /**
   * Sends `signal` to the child, or to its process group when `group` is true (core asks for the group only
   * of a child spawned `detached`, which leads one). Returns false when there is nothing left to signal; never throws.
   */
  kill(signal: Signal, group: boolean): boolean;
  /** With {@link SpawnRequest.stdoutLink}: the read end of the child's stdout, for a later child's stdin. */
  readonly link?: StdoutLink;
  /** Whether the child (and its pipes) keeps the caller's event loop alive; toProcess unrefs idle workers. */
  ref?(keepAlive: boolean): void;
}

/**
 * A child's readable pipe that can end itself: `release` ends {@link stream} for any reader, a caller's
 * included (after the chunks already queued), then closes the pipe. Safe to call more than once.
 */
export interface ReleasableStream {
  /** The pipe's bytes, handed to the caller as they are. */
  readonly stream: ReadableStream<Uint8Array>;
  /**
   * False when {@link stream} is not a byte stream: core then reads it with a default reader without first
   * asking for a BYOB one, which throws for such a stream (and costs Node a formatted error each time). Absent:
   * core asks.
   */
  readonly bytes?: boolean;
  /** Ends {@link stream} for every reader, then closes the pipe; resolves once both are done. */
  release(): Promise<void>;
}

/**
 * An error thrown or rejected by {@link ProcessAdapter.spawn} when no child was started.
 * `code` is normalised to an errno name (`ENOENT`, `EACCES`, ...) or `ENOTCAPABLE` for a runtime permission.
 */
export interface SpawnFailure extends Error {
  /** The errno name, or `ENOTCAPABLE`. */
  code: string;
}

/**
 * A connected channel between a toProcess pool and one worker (a Unix socket) carrying UTF-8 text.
 * Callback-based rather than web streams, and text rather than bytes: a call costs a message round trip,
 * so every promise hop and every encode per message counts.
 */
export interface WorkerChannel {
  /** Delivers the text read, in order and in any pieces, then `null` once when the input ends. Call once. */
  read(listener: (text: string | null) => void): void;
  /** Queues `text` for writing as UTF-8; a failure shows up as the end of input. */
  write(text: string): void;
  /** Ends our side once everything queued is written; the other side may still send. Never rejects. */
  end(): Promise<void>;
  /** Whether the channel keeps the event loop alive. */
  ref(keepAlive: boolean): void;
  /** Closes both directions at once. */
  close(): void;
}

/** Where a pool waits for its workers to connect. */
export interface ChannelListener {
  /** Passed to workers in the first of `WORKER_VARIABLES`; the worker entry knows how to connect to it. */
  readonly address: string;
  /** Called for every accepted connection. */
  onConnection(handler: (channel: WorkerChannel) => void): void;
  /** Stops listening and removes any file it created. */
  close(): void;
}

/** How to start a fresh process of the adapter's own runtime running a script (the suite's caller fixtures). */
export interface ScriptSupport {
  /** argv that runs the module file `path` as a script on this runtime, with the caller's permissions. */
  argv(path: string): string[];
}

/**
 * How to start one toProcess worker. The worker finds its pool through the `WORKER_VARIABLES` of its
 * environment, which core sets.
 */
export interface WorkerCommand {
  /** The executable and its arguments. */
  readonly argv: readonly string[];
  /**
   * The worker's program as the text of an ES module, written to the worker's stdin (the runtime runs the
   * program it reads there), or undefined when the executable needs none: a single-file binary re-run as its
   * own worker, whose anyproc entry serves calls as soon as it is imported with the variables above set.
   */
  readonly program?: string;
}

/** What a runtime provides so that core can run a toProcess worker pool on it. */
export interface WorkerSupport {
  /** Opens a listener that workers connect to; it never keeps the event loop alive by itself. */
  listen(): Promise<ChannelListener>;
  /**
   * How to start a worker process on this runtime (its program connects back and serves calls). Rejects, with
   * why and what to do, where this process cannot start a worker safely; the call then rejects with a
   * `WorkerStartError` carrying that message. Asynchronous so that an adapter loads its worker program only
   * when a pool first starts a worker.
   */
  command(): Promise<WorkerCommand>;
  /** The number of workers a default pool may run: the available parallelism. */
  parallelism(): number;
  /** Whether a worker can import a TypeScript module (outside `node_modules`, where Node never strips types). */
  readonly typescript: boolean;
  /**
   * Writes bytes a worker wrote to its stderr to the caller's stderr. A worker's stderr is a pipe to its pool,
   * which passes every chunk on as it arrives and keeps the last ones until the worker has connected: a worker
   * that cannot start is rejected with an error ending in what it wrote.
   */
  writeStderr(chunk: Uint8Array): void;
  /**
   * Starts a worker process in place of {@link ProcessAdapter.spawn}; omitted, that is used. For an adapter whose
   * own spawn gives a piped stderr that keeps the caller's event loop alive whatever {@link SpawnedChild.ref}
   * says: an idle worker must not.
   */
  spawn?(request: SpawnRequest): Promise<SpawnedChild>;
}

/**
 * What is at a path: `"directory"`; `"not-directory"` (a file or other non-directory, or a path through one);
 * `"missing"` (nothing there); `"unknown"` (the caller may not look, as Deno without read permission).
 */
export type PathKind = "directory" | "not-directory" | "missing" | "unknown";

/**
 * What core reads of the caller on Windows, where it resolves commands through `PATH` and `PATHEXT` and runs
 * string commands and batch files through `cmd.exe` itself (see docs/windows.md).
 */
export interface WindowsSupport {
  /** The caller's environment variable `name`, matched without regard to case; undefined when unset or unreadable. */
  env(name: string): string | undefined;
  /** The names of the caller's environment variables as they are spelled; empty when unreadable. */
  envNames(): string[];
}

/** The implementation of anyproc for one runtime. */
export interface ProcessAdapter {
  /** Which runtime this adapter drives. */
  readonly runtime: RuntimeName | (string & {});
  /** Absolute path of the running runtime's own executable (node, bun or deno). */
  readonly execPath: string;
  /** Starts a child; rejects with a {@link SpawnFailure} when none was started. */
  spawn(request: SpawnRequest): Promise<SpawnedChild>;
  /**
   * What is at `path` (see {@link PathKind}); never rejects. Used to say why a spawn with a cwd failed, with
   * the same code on every runtime.
   */
  pathKind(path: string): Promise<PathKind>;
  /**
   * Runs `hook` synchronously when the caller exits normally or is ended by SIGINT, SIGTERM or SIGHUP (after
   * which the caller still dies by that signal, as it would have without the hook). Returns a function that
   * removes it. Used for the `cleanup` option; adapters without it cannot clean up.
   */
  onCallerExit?(hook: () => void): () => void;
  /**
   * The process table, read synchronously: the output of `ps -A -o pid=,ppid=,pgid=` (`pid ppid pgid` a line),
   * or null when it cannot be read. With {@link signalProcess}, how `killTree` finds and signals every
   * descendant of a child that stays in the caller's session; adapters without both fall back to spawning a
   * `killTree` child `detached` and signalling its process group.
   */
  processTable?(): string | null;
  /** Sends `signal` to the process `pid` (any process, not only a child); false when that failed. Never throws. */
  signalProcess?(pid: number, signal: Signal): boolean;
  /** Starting scripts on this runtime; optional, used by the conformance suite's caller fixtures. */
  readonly scripts?: ScriptSupport;
  /** toProcess support; adapters without it cannot run worker pools. */
  readonly workers?: WorkerSupport;
  /**
   * `spawn` takes {@link SpawnRequest.stdoutLink} and {@link SpawnRequest.stdinLink}: one child's stdout pipe
   * becomes the next child's stdin at the file-descriptor level. Without it core copies a pipeline's bytes
   * from one child to the next itself.
   */
  readonly links?: boolean;
  /**
   * `spawn` takes {@link SpawnRequest.fds}: a descriptor of the caller becomes the child's stdin, stdout
   * or stderr. Without it core copies between the file and a pipe.
   */
  readonly descriptors?: boolean;
  /**
   * Opens `path` for a child's stdio, as a descriptor (`as: "fd"`, with {@link descriptors}) or as a web stream
   * (`as: "stream"`: readable for `"read"`, writable otherwise). Rejects with the runtime's error, its `code`
   * an errno name. `path` may be `/dev/fd/<n>` on POSIX systems, which is how an adapter without
   * {@link descriptors} reaches a descriptor number. Without it, file redirection is a TypeError.
   */
  openFile?(path: string, access: FileAccess, as: "fd" | "stream"): Promise<OpenedFile>;
  /** Present exactly when the runtime runs on Windows: what core needs to start commands there. */
  readonly windows?: WindowsSupport;
}

/**
 * Loads an adapter when it is first needed: what toProcess takes in `anyproc` (see `lazyProcessApi`), so
 * that importing it does not load the adapter.
 */
export type AdapterLoader = () => Promise<ProcessAdapter>;
