/**
 * The caller-exit hook for runtimes with Node's `process` (Node and Bun): runs the hooks on `exit` and on
 * SIGINT, SIGTERM and SIGHUP. While listening, a signal first runs every hook, then — unless the program has
 * its own listener for it — is raised again with ours removed, so the caller dies by it as it would have.
 *
 * The listeners are shared by every hook and removed {@link LINGER_MS} after the last hook is, not at
 * once: a caller that runs children one after another would otherwise add and remove four listeners (and
 * Node's three signal handles) per child. A signal arriving meanwhile finds no hook and is raised again,
 * which is what it would have done without our listeners.
 */
import process from "node:process";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** How long the listeners stay after the last hook is removed (one timer per such stretch, not per child). */
const LINGER_MS = 100;

const hooks = new Set<() => void>();
let listening = false;
let removal: ReturnType<typeof setTimeout> | undefined;

function runHooks(): void {
  for (const hook of [...hooks]) hook();
}

function onSignal(signal: (typeof SIGNALS)[number]): void {
  runHooks();
  hooks.clear();
  stopListening();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function stopListening(): void {
  clearTimeout(removal);
  removal = undefined;
  if (!listening) return;
  listening = false;
  process.off("exit", runHooks);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Installs `hook`; returns the function that removes it. */
export function onCallerExit(hook: () => void): () => void {
  hooks.add(hook);
  if (!listening) {
    listening = true;
    process.on("exit", runHooks);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  let installed = true;
  return () => {
    if (!installed) return;
    installed = false;
    hooks.delete(hook);
    if (hooks.size > 0 || !listening || removal !== undefined) return;
    removal = setTimeout(() => {
      removal = undefined;
      if (hooks.size === 0) stopListening();
    }, LINGER_MS);
    (removal as { unref?: () => void }).unref?.();
  };
}
