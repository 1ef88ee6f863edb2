/**
 * The `cleanup` option: children still running when the caller exits are terminated. One exit hook per
 * adapter, installed while at least one such child runs and removed after the last one exits, so an idle
 * caller keeps its default signal behaviour.
 */
import type { ProcessAdapter } from "./adapter.js";

interface Registry {
  readonly live: Set<() => void>;
  uninstall: (() => void) | null;
}

const registries = new WeakMap<ProcessAdapter, Registry>();

/** Calls `terminate` if the caller exits while the child runs; the returned function unregisters it. */
export function registerCleanup(adapter: ProcessAdapter, terminate: () => void): () => void {
  if (!adapter.onCallerExit) return () => {};
  let registry = registries.get(adapter);
  if (!registry) {
    registry = { live: new Set(), uninstall: null };
    registries.set(adapter, registry);
  }
  const own = registry;
  own.live.add(terminate);
  own.uninstall ??= adapter.onCallerExit(() => {
    for (const kill of own.live) {
      try {
        kill();
      } catch {
        // Best effort: the caller is exiting.
      }
    }
    own.live.clear();
    own.uninstall = null;
  });
  return () => {
    own.live.delete(terminate);
    if (own.live.size === 0 && own.uninstall) {
      own.uninstall();
      own.uninstall = null;
    }
  };
}
