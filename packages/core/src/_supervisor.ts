/**
 * Watches one spawned child and applies the termination policy written once for every runtime:
 * timeout, abort, kill escalation (killSignal, then SIGKILL after forceKillAfter) and `killTree` (every
 * descendant, found in the process table: see ./_tree.ts).
 */

import { type CleanupRegistry, type CleanupTarget, registerCleanup, unregisterCleanup } from "./_cleanup.js";
import type { Policy } from "./_options.js";
import { TreeKill } from "./_tree.js";
import { taskkillTree } from "./_windows.js";
import type { ProcessAdapter, SpawnedChild } from "./adapter.js";
import type { Signal } from "./signals.js";
import type { ExitStatus } from "./types.js";

/** Why core stopped the child, if it did. */
export type StopReason = "timeout" | "abort" | "maxBuffer" | "dispose";

/**
 * A child under core's policy. With no timeout and no signal, watching a child costs one promise
 * reaction and an entry in the cleanup registry: no timer, listener or closure is made per child.
 */
export class Supervisor implements CleanupTarget {
  /** The exit status, once known. */
  status: ExitStatus | null = null;
  /** The first reason core stopped the child for, if any. */
  reason: StopReason | null = null;
  /** Resolves with the exit status; never rejects. */
  readonly exited: Promise<ExitStatus>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private forceTimer: ReturnType<typeof setTimeout> | undefined;
  private onAbort: (() => void) | undefined;
  private readonly registry: CleanupRegistry | null;
  /** Made on the first stop of a `killTree` child; remembers the descendants it has seen. */
  private tree: TreeKill | undefined;
  /** Windows: the first signal delivered to the running child, which ended it (every signal does there). */
  private ended: Signal | null = null;

  constructor(
    private readonly adapter: ProcessAdapter,
    private readonly child: SpawnedChild,
    private readonly policy: Policy,
  ) {
    this.registry = policy.cleanup ? registerCleanup(adapter, this) : null;
    this.exited = child.exited.then((status) => this.onExit(status));
    if (policy.timeout > 0) this.timer = setTimeout(() => this.stop("timeout"), policy.timeout);
    const signal = policy.signal;
    if (signal) {
      if (signal.aborted) this.stop("abort");
      else {
        this.onAbort = () => this.stop("abort");
        signal.addEventListener("abort", this.onAbort, { once: true });
      }
    }
  }

  /** The `cleanup` option: the caller is exiting while the child runs; sends `killSignal`. */
  callerExiting(): void {
    this.signalAll(this.policy.killSignal);
  }

  /** True until the exit has been observed. */
  get running(): boolean {
    return this.status === null;
  }

  /** Sends `signal` to the child alone; false once it has exited. */
  send(signal: Signal): boolean {
    return this.running ? this.delivered(signal, this.child.kill(signal, false)) : false;
  }

  /** Notes, on Windows, the first signal the child was sent: it ends the child, and its exit reports it. */
  private delivered(signal: Signal, sent: boolean): boolean {
    if (sent && this.ended === null && this.adapter.windows && this.running) this.ended = signal;
    return sent;
  }

  /**
   * Terminates the child for `reason`: `killSignal` now (to every descendant too with `killTree`), SIGKILL
   * after `forceKillAfter` if it is still running. Only the first call acts.
   */
  stop(reason: StopReason): void {
    if (this.reason !== null) return;
    this.reason = reason;
    if (!this.running && !this.policy.killTree) return;
    this.signalAll(this.policy.killSignal);
    if (this.running && this.policy.killSignal !== "SIGKILL") {
      this.forceTimer = setTimeout(() => this.signalAll("SIGKILL"), this.policy.forceKillAfter);
    }
  }

  /** `signal` to the child, and with `killTree` to its descendants (those seen before included). */
  private signalAll(signal: Signal): void {
    const { windows } = this.adapter;
    if (!this.policy.killTree || (windows && !this.running)) {
      if (this.running) this.delivered(signal, this.child.kill(signal, false));
      return;
    }
    if (windows) {
      // The whole tree ends at once (there is no gentler signal to escalate from).
      if (this.ended === null) void taskkillTree(this.adapter, windows, this.child.pid);
      this.delivered(signal, this.child.kill(signal, false));
      return;
    }
    this.tree ??= new TreeKill(this.adapter, this.child, this.policy.detached || !treeCapable(this.adapter));
    this.tree.signal(signal, this.running);
  }

  private onExit(exit: ExitStatus): ExitStatus {
    // On Windows a process ended by TerminateProcess reports an exit code; one anyproc ended reports the
    // signal anyproc sent, as on every other platform.
    const status = exit.signal === null && this.ended !== null ? { exitCode: null, signal: this.ended } : exit;
    this.status = status;
    if (this.registry) unregisterCleanup(this.registry, this);
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.forceTimer !== undefined) clearTimeout(this.forceTimer);
    if (this.onAbort) this.policy.signal?.removeEventListener("abort", this.onAbort);
    if (this.policy.killTree && this.reason !== null) {
      // The leader is gone; make sure nothing it started outlives the stop.
      this.signalAll("SIGKILL");
    }
    return status;
  }
}

/** True when `adapter` can walk a process tree; otherwise a `killTree` child is spawned `detached` (see _spawn.ts). */
export function treeCapable(adapter: ProcessAdapter): boolean {
  return typeof adapter.processTable === "function" && typeof adapter.signalProcess === "function";
}
