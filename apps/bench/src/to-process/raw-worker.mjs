// The raw baseline's worker: connects to the caller's abstract Unix socket and answers each NDJSON line
// `{"id":n,"v":x}` with `{"id":n,"v":echo(x)}`, one line per round trip, until the caller hangs up.
import { connect } from "node:net";
import process from "node:process";
import { echo } from "./work.mjs";

const address = process.argv[2];
if (!address) {
  console.error("raw-worker: usage: raw-worker.mjs <abstract address>");
  process.exit(2);
}

const socket = connect({ path: `\0${address}` });
socket.setNoDelay?.(true);
socket.setEncoding("utf8");
socket.on("error", () => process.exit(1));
socket.on("end", () => process.exit(0));

let pending = "";
socket.on("data", (text) => {
  pending += text;
  let start = 0;
  let replies = "";
  for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
    const call = JSON.parse(pending.slice(start, nl));
    replies += `${JSON.stringify({ id: call.id, v: echo(call.v) })}\n`;
    start = nl + 1;
  }
  pending = pending.slice(start);
  if (replies) socket.write(replies);
});
