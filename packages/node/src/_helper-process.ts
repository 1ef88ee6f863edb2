/**
 * One running spawn helper, seen from the caller: starts it with `fork`, numbers the spawns, connects
 * their stdio, routes the helper's replies and keeps the IPC channel referenced exactly while some child
 * holds it.
 */
import { type ChildProcess, fork } from "node:child_process";
import type { Socket } from "node:net";
import { newSocketAddress, randomHex } from "@anyproc/channel";
import type { ExitStatus, Signal, SpawnRequest } from "@anyproc/core";
import { ADDRESS_VARIABLE, type FromHelper, type HelperSpawnError, TOKEN_VARIABLE, type ToHelper } from "./_helper-protocol.js";
import { StdioSockets } from "./_helper-stdio.js";

/** What the caller learns about one child started through the helper. */
interface Entry {
  resolve(pid: number): void;
  reject(error: Error): void;
  exit(status: ExitStatus): void;
  /** Resolves once the child has been reported gone, or could not be started. */
  readonly done: Promise<void>;
  pid?: number;
}

/** A child the helper started: its pid and our ends of its stdio sockets, by fd. */
export interface HelperChild {
  readonly pid: number;
  readonly sockets: ReadonlyArray<Socket | undefined>;
}

/** A helper process and the children it has started and not yet reported gone. */
export class HelperProcess {
  readonly child: ChildProcess;
  /** Why the helper is gone (it died or was closed), or null while it runs. */
  gone: Error | null = null;
  private nextId = 0;
  private holds = 0;
  private readonly entries = new Map<number, Entry>();
  private readonly ended: Promise<void>;
  private readonly ready: Promise<void>;
  /** Set when the helper said it listens for stdio connections. */
  private listening = false;
  private readonly stdio: StdioSockets;

  constructor(script: string) {
    const address = newSocketAddress("h");
    const token = randomHex(16);
    this.stdio = new StdioSockets(address.path, token);
    const env: NodeJS.ProcessEnv = { ...process.env, [ADDRESS_VARIABLE]: JSON.stringify(address.path), [TOKEN_VARIABLE]: token };
    delete env.NODE_OPTIONS; // a --require/--import or --inspect meant for the caller would bloat or break the helper
    this.child = fork(script, [], { execArgv: [], env, serialization: "json", stdio: ["inherit", "inherit", "inherit", "ipc"] });
    this.child.unref();
    this.child.channel?.unref();
    let ready!: () => void;
    this.ready = new Promise<void>((resolve) => (ready = resolve));
    this.child.on("message", (message: FromHelper) => {
      if (message.t !== "ready") return this.receive(message);
      this.listening = true;
      this.stdio.refill();
      ready();
    });
    this.ended = new Promise((resolve) => {
      const end = (why: string) => {
        this.fail(why);
        this.stdio.close();
        address.release();
        ready();
        resolve();
      };
      this.child.once("exit", (code, signal) => end(signal ? `was killed with ${signal}` : `exited with code ${code}`));
      this.child.once("error", (error) => end(`could not be started: ${error.message}`));
    });
  }

  /** True while the helper takes spawn requests at once: it has started and is not gone. */
  get serving(): boolean {
    return this.listening && !this.gone;
  }

  /**
   * Asks the helper to start `request` with `env` and `cwd` (already resolved); resolves once the child
   * runs, then calls `exit` once with its status.
   */
  async spawn(request: SpawnRequest, env: Record<string, string>, cwd: string, exit: (status: ExitStatus) => void): Promise<HelperChild> {
    await this.ready;
    if (this.gone) throw this.gone;
    const id = ++this.nextId;
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const started = new Promise<number>((resolve, reject) => {
      const entry: Entry = {
        resolve: (pid) => {
          entry.pid = pid;
          resolve(pid);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        exit: (status) => {
          settle();
          exit(status);
        },
        done,
      };
      this.entries.set(id, entry);
    });
    const { sockets, stdio } = this.stdio.take(request);
    const cancel = (error: Error) => {
      const entry = this.entries.get(id);
      if (!entry || entry.pid !== undefined) return;
      this.entries.delete(id);
      this.send({ t: "cancel", id });
      // In practice only a dying helper breaks a connection before the reply: report it as the helper's failure.
      const message = `the spawn helper (pid ${this.child.pid}) broke a stdio connection: ${error.message}`;
      entry.reject(Object.assign(new Error(message, { cause: error }), { code: "ESPAWNHELPER" }));
    };
    for (const s of sockets) if (s) s.onError = cancel;
    const { file, args, detached } = request;
    this.send({ t: "spawn", id, file, args, cwd, env, stdio, detached });
    this.stdio.refill(); // while the helper forks
    try {
      return { pid: await started, sockets: sockets.map((s) => s?.socket) };
    } catch (error) {
      for (const s of sockets) s?.socket.destroy();
      throw error;
    } finally {
      for (const s of sockets) if (s) s.onError = null;
    }
  }

  /** Counts one more (or one fewer) child keeping the caller alive; the channel is referenced while any does. */
  hold(keep: boolean): void {
    this.holds += keep ? 1 : -1;
    if (keep && this.holds === 1) this.child.channel?.ref();
    if (!keep && this.holds === 0) this.child.channel?.unref();
  }

  /** Ends the helper after killing (SIGKILL) every child it still runs and receiving their exits. */
  async close(): Promise<void> {
    const exits = [...this.entries.values()].map((entry) => {
      if (entry.pid !== undefined) kill(entry.pid);
      return entry.done;
    });
    this.child.ref(); // keep the caller alive until the helper's exit is seen
    await Promise.race([Promise.allSettled(exits), this.ended]);
    if (this.child.connected) this.child.disconnect();
    await this.ended;
    this.child.unref();
  }

  private send(message: ToHelper): void {
    if (this.child.connected) this.child.send(message, undefined, undefined, () => {});
  }

  private receive(message: Exclude<FromHelper, { t: "ready" }>): void {
    const entry = this.entries.get(message.id);
    if (!entry) {
      // A spawn we cancelled (one of its sockets failed) that the helper had started already: nobody holds it.
      if (message.t === "spawned") kill(message.pid);
      return;
    }
    if (message.t === "spawned") {
      entry.resolve(message.pid);
    } else if (message.t === "failed") {
      this.entries.delete(message.id);
      entry.reject(spawnFailure(message.error));
    } else {
      this.entries.delete(message.id);
      entry.exit(
        message.signal !== null ? { exitCode: null, signal: message.signal as Signal } : { exitCode: message.code ?? 0, signal: null },
      );
    }
  }

  /**
   * The helper is gone: spawns not yet acknowledged reject, and children still running, whose exit can no
   * longer be learnt, are killed (SIGKILL) and reported so.
   */
  private fail(why: string): void {
    if (this.gone) return;
    this.gone = Object.assign(new Error(`the spawn helper (pid ${this.child.pid ?? "none"}) ${why}`), { code: "ESPAWNHELPER" });
    for (const entry of this.entries.values()) {
      if (entry.pid === undefined) {
        entry.reject(this.gone);
        continue;
      }
      kill(entry.pid);
      entry.exit({ exitCode: null, signal: "SIGKILL" });
    }
    this.entries.clear();
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {}
}

/** An Error with the fields of the helper's spawn error, as the direct adapter would have rejected with. */
function spawnFailure(fields: HelperSpawnError): Error {
  const error = new Error(fields.message);
  if (fields.name !== "Error") error.name = fields.name;
  for (const key of ["code", "errno", "syscall", "path", "spawnargs"] as const) {
    if (fields[key] !== undefined) Object.assign(error, { [key]: fields[key] });
  }
  return error;
}
