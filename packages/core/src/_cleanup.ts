/**
 * The `cleanup` option: children still running when the caller exits are ended with it. One exit hook per
 * adapter, installed while at least one such child runs and removed after the last one exits, so an idle
 * caller keeps its default signal behaviour.
 */
import type { ProcessAdapter } from "./adapter.js";

/** What is ended if the caller exits while it runs (a supervised child, a toProcess worker). */
export interface CleanupTarget {
  /** The caller is exiting: end the child now. Called synchronously from the caller's exit hook. */
  callerExiting(): void;
}

/** The children of one adapter to end when the caller exits, and how to remove that adapter's exit hook. */
export interface CleanupRegistry {
  readonly live: Set<CleanupTarget>;
  uninstall: (() => void) | null;
  readonly adapter: ProcessAdapter;
}

const registries = new WeakMap<ProcessAdapter, CleanupRegistry>();

/**
 * Calls `target.callerExiting()` if the caller exits while the child runs. Returns the registry to pass to
 * {@link unregisterCleanup}, or null when the adapter cannot clean up. No closure is made per child.
 */
export function registerCleanup(adapter: ProcessAdapter, target: CleanupTarget): CleanupRegistry | null {
  if (!adapter.onCallerExit) return null;
  let registry = registries.get(adapter);
  if (!registry) {
    const own: CleanupRegistry = { live: new Set(), uninstall: null, adapter };
    registry = own;
    registries.set(adapter, own);
  }
  registry.live.add(target);
  if (registry.uninstall === null) registry.uninstall = adapter.onCallerExit(callerExiting.bind(null, registry));
  return registry;
}

/** Removes `target`; the exit hook goes with the last one. */
export function unregisterCleanup(registry: CleanupRegistry, target: CleanupTarget): void {
  registry.live.delete(target);
  if (registry.live.size === 0 && registry.uninstall) {
    registry.uninstall();
    registry.uninstall = null;
  }
}

/** The caller is exiting: tells every target of `registry`. */
function callerExiting(registry: CleanupRegistry): void {
  for (const target of registry.live) {
    try {
      target.callerExiting();
    } catch {
      // Best effort: the caller is exiting.
    }
  }
  registry.live.clear();
  registry.uninstall = null;
}
