// The subjects a spawn-suite measurement can run, each loaded on demand as `{ ops, close? }` where `ops`
// holds the operations it supports (`spawn`, `capture`, `read`, `collect`, `write`, `input`): the native
// API of the running runtime, anyproc, the Node spawn helper, and execa, tinyexec, nano-spawn.
import { runtimeName } from "../shared/runtime.mjs";
import { loadAnyproc, loadReuseReadBuffer, loadSpawnHelper } from "./anyproc-ops.mjs";
import { LIBRARIES } from "./libraries.mjs";

const nativeModule = () => import(`./native-${runtimeName()}.mjs`);

/** Subject name → loader; a loader resolves to `{ ops }` or throws why the subject cannot run here. */
export const SUBJECTS = {
  native: async () => ({ ops: (await nativeModule()).native }),
  "native-alt": async () => {
    const { read, write } = (await nativeModule()).alternatives;
    if (!read && !write) throw new Error(`no alternative native reader or writer on ${runtimeName()}`);
    return { ops: { read: read?.read, write: write?.write } };
  },
  "native-reuse": async () => {
    const reuse = (await nativeModule()).alternatives.reuse;
    if (!reuse) throw new Error(`no reader into one reused buffer on ${runtimeName()} besides the native one`);
    return { ops: { read: reuse.read } };
  },
  anyproc: async () => ({ ops: await loadAnyproc() }),
  "anyproc-reuse-read-buffer": async () => ({ ops: await loadReuseReadBuffer() }),
  helper: async () => {
    const { helper, why } = await loadSpawnHelper();
    if (!helper) throw Object.assign(new Error(why), { unavailable: true });
    return helper;
  },
  ...Object.fromEntries(Object.entries(LIBRARIES).map(([name, load]) => [name, async () => ({ ops: await load() })])),
};
