/**
 * @anyproc/channel: what the adapters share below the core: Node-stream to web-stream bridges and the
 * toProcess worker channel. Not needed by users; import `anyproc` or an adapter instead.
 */

export { onCallerExit } from "./exit-hook.js";
export { pathKind } from "./path-kind.js";
export {
  listenChannel,
  runWorker,
  scriptSupport,
  serveIfStartedAsWorker,
  socketChannel,
  type WorkerLaunch,
  workerSupport,
} from "./socket.js";
export { readableToWeb, writableToWeb } from "./streams.js";
