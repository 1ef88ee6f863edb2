/**
 * The caller-exit hook on Deno: `unload` (fired at the end of the program and by `Deno.exit`) and signal
 * listeners for SIGINT, SIGTERM and SIGHUP. A signal runs the hooks only when it ends the caller, that is
 * when the program has no listener of its own for it; then it removes our listeners and ends the caller the
 * way the signal would have (raising it again, or exiting with 128+N when Deno may not signal itself). A
 * signal the program listens to is the program's business: the hooks stay, and `unload` runs them if the
 * program exits later.
 *
 * Measured on Deno 2.9.6: while any listener of a signal is registered the signal does not kill; removing
 * the last one restores the default action (so raising it again kills, with no listener left); node:process
 * listeners are registered through `globalThis.Deno.addSignalListener` (a `once` one is removed before it is
 * called). Deno cannot list or count the listeners of a signal, so on import this module wraps
 * `Deno.addSignalListener` and `Deno.removeSignalListener` to count them (state shared through a global
 * symbol by every copy of this module; our own listeners use the unwrapped functions and are not counted).
 * A listener removed while the signal is dispatched (a `once` listener, or one that removes itself to let
 * the next Ctrl-C through) still counts until the next microtask, since Deno calls every listener of one
 * signal synchronously, in the order they were added. Listeners added before this module was imported are
 * not seen (process.listenerCount still sees node:process ones).
 *
 * The listeners are shared by every hook and removed {@link LINGER_MS} after the last hook is, not at
 * once: a caller that runs children one after another would otherwise bind and close three signal streams
 * per child. A signal arriving meanwhile finds no hook and ends the caller as it would have anyway.
 */
import { Deno } from "./_deno-api.ts";

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
type ExitSignal = keyof typeof SIGNALS;

/** How long the listeners stay after the last hook is removed (one timer per such stretch, not per child). */
const LINGER_MS = 100;

type Listener = () => void;

/** The program's signal listeners, as the wrapped Deno functions see them; one per realm. */
interface ListenerCount {
  readonly add: (signal: string, listener: Listener) => void;
  readonly remove: (signal: string, listener: Listener) => void;
  readonly listeners: Map<string, Set<Listener>>;
  readonly removedNow: Set<string>;
}

const STATE = Symbol.for("anyproc.denoSignalListeners");

function listenerCount(): ListenerCount {
  const holder = globalThis as { [STATE]?: ListenerCount };
  const existing = holder[STATE];
  if (existing) return existing;
  const deno = Deno as unknown as Record<"addSignalListener" | "removeSignalListener", (signal: string, listener: Listener) => void>;
  const add = deno.addSignalListener.bind(Deno);
  const remove = deno.removeSignalListener.bind(Deno);
  const state: ListenerCount = { add, remove, listeners: new Map(), removedNow: new Set() };
  deno.addSignalListener = function addSignalListener(signal, listener) {
    add(signal, listener);
    const set = state.listeners.get(signal) ?? new Set();
    state.listeners.set(signal, set);
    set.add(listener);
  };
  deno.removeSignalListener = function removeSignalListener(signal, listener) {
    remove(signal, listener);
    if (state.listeners.get(signal)?.delete(listener)) {
      if (state.removedNow.size === 0) queueMicrotask(() => state.removedNow.clear());
      state.removedNow.add(signal);
    }
  };
  holder[STATE] = state;
  return state;
}

/** Undefined outside Deno (the module is imported but never used there). */
const count: ListenerCount | undefined = Deno ? listenerCount() : undefined;

/** True when the program has a listener of its own for `signal` (or had one until this dispatch). */
function programListens(signal: ExitSignal): boolean {
  if (!count) return false;
  if ((count.listeners.get(signal)?.size ?? 0) > 0 || count.removedNow.has(signal)) return true;
  try {
    return ((globalThis as { process?: { listenerCount(name: string): number } }).process?.listenerCount(signal) ?? 0) > 0;
  } catch {
    return false;
  }
}

const hooks = new Set<() => void>();
let listeners: Array<readonly [ExitSignal, Listener]> | null = null;
let removal: ReturnType<typeof setTimeout> | undefined;

function runHooks(): void {
  for (const hook of [...hooks]) hook();
}

function startListening(state: ListenerCount): void {
  listeners = (Object.keys(SIGNALS) as ExitSignal[]).map((signal) => {
    const listener = () => {
      // The program handles this signal itself: it is not ending, so its children stay.
      if (programListens(signal)) return;
      runHooks();
      hooks.clear();
      stopListening();
      try {
        Deno.kill(Deno.pid, signal);
      } catch {
        Deno.exit(128 + SIGNALS[signal]);
      }
    };
    state.add(signal, listener);
    return [signal, listener] as const;
  });
  globalThis.addEventListener("unload", runHooks);
}

function stopListening(): void {
  clearTimeout(removal);
  removal = undefined;
  if (listeners === null || !count) return;
  globalThis.removeEventListener("unload", runHooks);
  for (const [signal, listener] of listeners) count.remove(signal, listener);
  listeners = null;
}

/** Installs `hook`; returns the function that removes it. */
export function onCallerExit(hook: () => void): () => void {
  hooks.add(hook);
  if (listeners === null) startListening(count ?? listenerCount());
  let installed = true;
  return () => {
    if (!installed) return;
    installed = false;
    hooks.delete(hook);
    if (hooks.size > 0 || listeners === null || removal !== undefined) return;
    removal = setTimeout(() => {
      removal = undefined;
      if (hooks.size === 0) stopListening();
    }, LINGER_MS);
    (removal as { unref?(): void }).unref?.();
  };
}
