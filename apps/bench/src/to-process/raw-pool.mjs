// The raw baseline's caller side: bare worker processes of this runtime on a node:net abstract Unix socket,
// one NDJSON line out and one back per call, one call per worker at a time (the shape toProcess has).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { scriptArgv } from "../shared/runtime.mjs";

const WORKER = fileURLToPath(new URL("./raw-worker.mjs", import.meta.url));

/** Starts `size` raw workers and resolves once all have connected: `{ call(value), close() }`. */
export async function openRawPool(size) {
  const address = `anyproc-bench-raw-${process.pid}-${randomBytes(6).toString("hex")}`;
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(`\0${address}`, resolve);
  });
  const children = [];
  const sockets = await new Promise((resolve, reject) => {
    const accepted = [];
    server.on("connection", (socket) => {
      accepted.push(socket);
      if (accepted.length === size) resolve(accepted);
    });
    for (let i = 0; i < size; i++) {
      const [command, ...args] = scriptArgv(WORKER);
      const child = spawn(command, [...args, address], { stdio: ["ignore", "inherit", "inherit"] });
      child.once("error", reject);
      child.once("exit", (code, signal) => reject(new Error(`raw worker exited before connecting (${code ?? signal})`)));
      children.push(child);
    }
  });
  const queue = [];
  const idle = [];
  let nextId = 1;
  let closing = false;

  const dispatch = () => {
    while (queue.length > 0 && idle.length > 0) {
      const worker = idle.pop();
      worker.task = queue.shift();
      worker.socket.write(`${JSON.stringify({ id: worker.task.id, v: worker.task.value })}\n`);
    }
  };

  const workers = sockets.map((socket, i) => {
    const worker = { socket, task: null };
    socket.setNoDelay?.(true);
    socket.setEncoding("utf8");
    let pending = "";
    socket.on("data", (text) => {
      pending += text;
      let start = 0;
      for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
        const reply = JSON.parse(pending.slice(start, nl));
        start = nl + 1;
        const task = worker.task;
        if (!task || task.id !== reply.id) throw new Error(`raw worker ${i} answered call ${reply.id} it was not given`);
        worker.task = null;
        idle.push(worker);
        task.resolve(reply.v);
      }
      pending = pending.slice(start);
      dispatch();
    });
    children[i].removeAllListeners("exit");
    children[i].once("exit", (code, signal) => {
      if (closing) return;
      const error = new Error(`raw worker ${i} died (${code ?? signal})`);
      worker.task?.reject(error);
      for (const task of queue.splice(0)) task.reject(error);
    });
    return worker;
  });
  idle.push(...workers);

  return {
    call(value) {
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, value, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closing = true;
      const exits = children.map((child) =>
        child.exitCode !== null || child.signalCode !== null ? null : new Promise((r) => child.once("exit", r)),
      );
      for (const socket of sockets) socket.end();
      await Promise.all(exits);
      server.close();
    },
  };
}
