/** One call of a pool, from the moment it is queued until it settles: it settles exactly once. */
import type { Call } from "./_protocol.js";

/** A call waiting for, or running on, a worker; the first outcome settles it and later ones are ignored. */
export class Task {
  private done = false;

  constructor(
    readonly call: Call,
    private readonly onResolve: (value: unknown) => void,
    private readonly onReject: (error: unknown) => void,
  ) {}

  /** True once the call has been settled. */
  get settled(): boolean {
    return this.done;
  }

  /** Rejects the call with `error` unless it is settled already; returns whether it did. */
  reject(error: unknown): boolean {
    if (this.done) return false;
    this.done = true;
    this.onReject(error);
    return true;
  }

  /**
   * Settles the call with the worker's reply: `ok` resolves with `value()`, otherwise it rejects with it. The
   * value is decoded only for a call still waiting for it; a value that cannot be decoded rejects with why.
   */
  reply(ok: boolean, value: () => unknown): void {
    if (this.done) return;
    this.done = true;
    let decoded: unknown;
    try {
      decoded = value();
    } catch (error) {
      this.onReject(error);
      return;
    }
    if (ok) this.onResolve(decoded);
    else this.onReject(decoded);
  }
}
