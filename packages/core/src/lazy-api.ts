/**
 * Binding the core functions to an adapter loaded at the first call: what `anyproc` exports, so that importing
 * it loads neither the adapter nor the code a call runs (options, supervisor, streams, pipelines, the pool).
 * A program that imports anyproc and never starts a process pays only for this module and the errors.
 */
import type { AdapterLoader } from "./adapter.js";
import type { BoundProcessApi } from "./bind.js";
import { createToProcess, type ToProcess } from "./to-process/index.js";

/** The process functions and toProcess, bound to an adapter loaded when first needed. */
export interface LoadedProcessApi extends BoundProcessApi {
  /** toProcess on the loaded adapter; its checks of pool options still run at once. */
  readonly toProcess: ToProcess;
}

/**
 * Returns `runProcess`, `openProcess`, `runPipeline`, `openPipeline` and `toProcess` bound to the adapter
 * `load` resolves. The first call loads the adapter and the core's process code together; later calls go to
 * the bound functions directly. A load that fails rejects that call, and the next call tries again.
 */
export function bindAdapterLoader(load: AdapterLoader): LoadedProcessApi {
  let bound: BoundProcessApi | undefined;
  let loading: Promise<BoundProcessApi> | undefined;
  const api = (): Promise<BoundProcessApi> =>
    (loading ??= Promise.all([load(), import("./bind.js")]).then(
      ([adapter, { bindAdapter }]) => (bound = bindAdapter(adapter)),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return {
    runProcess: (command, options) => (bound ? bound.runProcess(command, options) : api().then((b) => b.runProcess(command, options))),
    openProcess: (command, options) => (bound ? bound.openProcess(command, options) : api().then((b) => b.openProcess(command, options))),
    runPipeline: (stages, options) => (bound ? bound.runPipeline(stages, options) : api().then((b) => b.runPipeline(stages, options))),
    openPipeline: (stages, options) => (bound ? bound.openPipeline(stages, options) : api().then((b) => b.openPipeline(stages, options))),
    toProcess: createToProcess(load),
  };
}
