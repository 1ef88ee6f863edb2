/**
 * The caller-exit hook on Deno: `unload` (fired at the end of the program and by `Deno.exit`) and signal
 * listeners for SIGINT, SIGTERM and SIGHUP. A signal runs the hook, removes our listeners and ends the
 * caller the way the signal would have (raising it again, or exiting with 128+N when Deno may not signal
 * itself).
 */
import { Deno } from "./_deno-api.ts";

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
type ExitSignal = keyof typeof SIGNALS;

/** Installs `hook`; returns the function that removes it. */
export function onCallerExit(hook: () => void): () => void {
  let installed = true;
  const listeners = (Object.keys(SIGNALS) as ExitSignal[]).map((signal) => {
    const listener = () => {
      hook();
      uninstall();
      try {
        Deno.kill(Deno.pid, signal);
      } catch {
        Deno.exit(128 + SIGNALS[signal]);
      }
    };
    Deno.addSignalListener(signal, listener);
    return [signal, listener] as const;
  });
  const onUnload = () => hook();
  globalThis.addEventListener("unload", onUnload);
  const uninstall = () => {
    if (!installed) return;
    installed = false;
    globalThis.removeEventListener("unload", onUnload);
    for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
  };
  return uninstall;
}
