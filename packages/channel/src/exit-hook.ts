/**
 * The caller-exit hook for runtimes with Node's `process` (Node and Bun): runs a hook on `exit` and on
 * SIGINT, SIGTERM and SIGHUP. While installed, a signal first runs the hook, then — unless the program has
 * its own listener for it — is raised again with ours removed, so the caller dies by it as it would have.
 */
import process from "node:process";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Installs `hook`; returns the function that removes it. */
export function onCallerExit(hook: () => void): () => void {
  let installed = true;
  const onSignal = (signal: (typeof SIGNALS)[number]) => {
    hook();
    uninstall();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const uninstall = () => {
    if (!installed) return;
    installed = false;
    process.off("exit", hook);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.on("exit", hook);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return uninstall;
}
