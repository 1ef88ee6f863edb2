/**
 * The caller-exit hook for runtimes with Node's `process` (Node and Bun): runs the hooks on `exit` and on
 * SIGINT, SIGTERM and SIGHUP when that signal ends the caller. A signal the program has a listener of its own
 * for does not end it (the program decides: finish, or "press Ctrl-C again"), so it leaves the hooks alone;
 * they still run on `exit` if the program exits later. A signal nobody else listens to runs every hook and is
 * raised again with ours removed, so the caller dies by it as it would have.
 *
 * Our signal listener is prepended, so it runs before the program's own and counts a `once` listener that
 * removes itself when it is called. A listener the program prepends later runs first; if it is a `once`
 * listener it is gone when ours counts, which the 'removeListener' mark below catches: a signal listener
 * removed while this signal is being emitted (before the next microtask) counts as the program's own.
 *
 * A program may hold more than one copy of this module (the `anyproc` package carries its own, an adapter
 * package another, two versions may be installed): each copy's listener has the same name,
 * {@link LISTENER_NAME}, and no copy counts another's listener, or its removal, as the program's. Each copy runs
 * its hooks and removes its listener; the last one to do so raises the signal again.
 *
 * The listeners are shared by every hook and removed {@link LINGER_MS} after the last hook is, not at
 * once: a caller that runs children one after another would otherwise add and remove four listeners (and
 * Node's three signal handles) per child. A signal arriving meanwhile finds no hook and is raised again,
 * which is what it would have done without our listeners.
 */

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** How long the listeners stay after the last hook is removed (one timer per such stretch, not per child). */
const LINGER_MS = 100;

const hooks = new Set<() => void>();
let listening = false;
let removal: ReturnType<typeof setTimeout> | undefined;
/** The name of every copy's signal listener, by which the copies tell their listeners from the program's. */
const LISTENER_NAME = "anyprocCallerExitListener";

/** Signals of which a listener was removed since the last microtask (see the module comment). */
const removedNow = new Set<string>();

function onRemoveListener(event: string | symbol, listener: (...args: unknown[]) => void): void {
  if (typeof event !== "string" || !(SIGNALS as readonly string[]).includes(event)) return;
  if (listener.name === LISTENER_NAME) return; // a copy of ours stopping, not the program's listener
  if (removedNow.size === 0) queueMicrotask(() => removedNow.clear());
  removedNow.add(event);
}

function runHooks(): void {
  for (const hook of [...hooks]) hook();
}

/** Whether the program itself listens to `signal`: a listener that is no copy of ours. */
const programListens = (signal: NodeJS.Signals) => process.listeners(signal).some((listener) => listener.name !== LISTENER_NAME);

const onSignal = {
  [LISTENER_NAME](signal: NodeJS.Signals): void {
    // The program handles this signal itself: it is not ending, so its children stay.
    if (programListens(signal) || removedNow.has(signal)) return;
    runHooks();
    hooks.clear();
    stopListening();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  },
}[LISTENER_NAME];

function stopListening(): void {
  clearTimeout(removal);
  removal = undefined;
  if (!listening) return;
  listening = false;
  process.off("removeListener", onRemoveListener);
  process.off("exit", runHooks);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Installs `hook`; returns the function that removes it. */
export function onCallerExit(hook: () => void): () => void {
  hooks.add(hook);
  if (!listening) {
    listening = true;
    process.on("exit", runHooks);
    process.on("removeListener", onRemoveListener);
    for (const signal of SIGNALS) process.prependListener(signal, onSignal);
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
