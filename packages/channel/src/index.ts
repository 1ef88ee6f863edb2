/**
 * @anyproc/channel: what the adapters share below the core, written over the node: built-ins that Node, Bun
 * and Deno all implement. For all three: the toProcess worker channel (./worker-channel.ts) and the Unix
 * socket addresses it and the Node adapter listen on (./socket-address.ts). For Node and Bun: the caller-exit
 * hook over node:process (Deno has its own), `pathKind` over node:fs and what core reads of the caller on
 * Windows (./windows.ts; Deno has its own). Not needed by users; import
 * `anyproc` or an adapter instead.
 */

export { onCallerExit } from "./exit-hook.js";
export { type FifoPlace, newFifoPlace } from "./fifo.js";
export { type FifoPipe, fifoPipe } from "./fifo-pipe.js";
export { openFile } from "./open-file.js";
export { pathKind } from "./path-kind.js";
export { compareVersions, floorError, type RuntimeFloor } from "./runtime-floor.js";
export { randomHex, randomSecret, sameSecret } from "./secret.js";
export {
  folderBase,
  linuxOnlyPaths,
  newPrivatePath,
  newSocketAddress,
  PORTABLE_VARIABLE,
  type PrivatePath,
  type SocketAddress,
} from "./socket-address.js";
export { windowsSupport } from "./windows.js";
export {
  runWorker,
  scriptSupport,
  serveIfStartedAsWorker,
  type WorkerLaunch,
  workerSupport,
} from "./worker-channel.js";
export { startedAsWorker } from "./worker-marker.js";
