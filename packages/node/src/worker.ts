/**
 * The entry of a toProcess worker on Node.js: connect back to the pool, serve calls, and exit when the
 * pool closes the channel or dies (the socket reaches EOF, so a killed caller never leaves orphans).
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

const socket = connect(abstractPath(address));
socket.on("error", () => process.exit(1));
socket.once("close", () => process.exit(0));
await new Promise((resolve) => socket.once("connect", resolve));
const hint = `Node.js ${process.versions.node} imports TypeScript only from 22.6 with --experimental-strip-types (default from 23.6); compile the module to JavaScript`;
await serveWorker(socketChannel(socket), token, hint);
process.exit(0);
