/**
 * The entry of a toProcess worker on Node.js: connect back to the pool, serve calls, and exit when the
 * pool closes the channel or dies (the socket reaches EOF, so a killed caller never leaves orphans; a call
 * already running synchronously finishes first, since nothing can interrupt it short of a signal).
 */
import { connect } from "node:net";
import { serveWorker } from "@anyproc/core";
import { abstractPath, socketChannel } from "./_workers.js";

const address = process.env.ANYPROC_WORKER_ADDRESS;
const token = process.env.ANYPROC_WORKER_TOKEN;
delete process.env.ANYPROC_WORKER_ADDRESS;
delete process.env.ANYPROC_WORKER_TOKEN;
if (!address || !token) {
  console.error("anyproc worker: started without ANYPROC_WORKER_ADDRESS/ANYPROC_WORKER_TOKEN");
  process.exit(2);
}

// Half-open: when the pool ends its side, the call in progress still sends its reply before we exit.
const socket = connect({ path: abstractPath(address), allowHalfOpen: true });
socket.on("error", () => process.exit(1));
await new Promise((resolve) => socket.once("connect", resolve));
const hint = `Node.js ${process.versions.node} imports TypeScript only from 22.6 with --experimental-strip-types (default from 23.6); compile the module to JavaScript`;
await serveWorker(socketChannel(socket), token, hint);
process.exit(0);
