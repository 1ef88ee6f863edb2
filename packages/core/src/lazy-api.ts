/**
 * The process functions and toProcess of a module loaded at the first call: what `anyproc` exports, so that
 * importing it loads neither the adapter nor the code a call runs (options, supervisor, streams, pipelines,
 * the pool). A program that imports anyproc and never starts a process pays only for this module and the
 * errors.
 */
import type { ProcessAdapter } from "./adapter.js";
import type { BoundProcessApi } from "./bind.js";
import { createToProcess, type ToProcess } from "./to-process/index.js";

/**
 * What a loader of {@link lazyProcessApi} resolves: an adapter and the process functions bound to it, as an
 * adapter package's index module exports them (`import("@anyproc/node")`).
 */
export interface AdapterModule extends BoundProcessApi {
  /** The adapter the functions are bound to; toProcess starts its workers through it. */
  readonly adapter: ProcessAdapter;
}

/** The process functions and toProcess of a module loaded when first needed. */
export interface LoadedProcessApi extends BoundProcessApi {
  /** toProcess on the loaded module's adapter; its checks of pool options still run at once. */
  readonly toProcess: ToProcess;
}

/**
 * Returns `runProcess`, `openProcess`, `runPipeline`, `openPipeline` and `toProcess` that call those of the
 * module `load` resolves. The first call loads it, in one dynamic import when `load` is one; later calls go to
 * the loaded functions directly. A load that fails rejects that call, and the next call tries again. For an
 * adapter of your own: `lazyProcessApi(async () => { const { adapter } = await import("./mine.js"); return
 * { adapter, ...bindAdapter(adapter) }; })`.
 */
export function lazyProcessApi(load: () => Promise<AdapterModule>): LoadedProcessApi {
  let loaded: AdapterModule | undefined;
  let loading: Promise<AdapterModule> | undefined;
  const api = (): Promise<AdapterModule> =>
    (loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return {
    runProcess: (command, options) => (loaded ? loaded.runProcess(command, options) : api().then((m) => m.runProcess(command, options))),
    openProcess: (command, options) => (loaded ? loaded.openProcess(command, options) : api().then((m) => m.openProcess(command, options))),
    runPipeline: (stages, options) => (loaded ? loaded.runPipeline(stages, options) : api().then((m) => m.runPipeline(stages, options))),
    openPipeline: (stages, options) => (loaded ? loaded.openPipeline(stages, options) : api().then((m) => m.openPipeline(stages, options))),
    toProcess: createToProcess(() => api().then((m) => m.adapter)),
  };
}
