/**
 * The caller-exit hook on Deno: `unload` (fired at the end of the program and by `Deno.exit`) and signal
 * listeners for SIGINT, SIGTERM and SIGHUP. A signal runs the hooks, removes our listeners and ends the
 * caller the way the signal would have (raising it again, or exiting with 128+N when Deno may not signal
 * itself).
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

const hooks = new Set<() => void>();
let listeners: Array<readonly [ExitSignal, () => void]> | null = null;
let removal: ReturnType<typeof setTimeout> | undefined;

function runHooks(): void {
  for (const hook of [...hooks]) hook();
}

function startListening(): void {
  listeners = (Object.keys(SIGNALS) as ExitSignal[]).map((signal) => {
    const listener = () => {
      runHooks();
      hooks.clear();
      stopListening();
      try {
        Deno.kill(Deno.pid, signal);
      } catch {
        Deno.exit(128 + SIGNALS[signal]);
      }
    };
    Deno.addSignalListener(signal, listener);
    return [signal, listener] as const;
  });
  globalThis.addEventListener("unload", runHooks);
}

function stopListening(): void {
  clearTimeout(removal);
  removal = undefined;
  if (listeners === null) return;
  globalThis.removeEventListener("unload", runHooks);
  for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
  listeners = null;
}

/** Installs `hook`; returns the function that removes it. */
export function onCallerExit(hook: () => void): () => void {
  hooks.add(hook);
  if (listeners === null) startListening();
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
    Deno.unrefTimer(removal as unknown as number);
  };
}
