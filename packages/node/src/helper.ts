/**
 * The spawn helper's entry: a small Node process started by `startSpawnHelper` while the caller is small,
 * which runs `child_process.spawn` on the caller's behalf so that the fork() libuv does copies this
 * process's page tables rather than the caller's (see docs/spawn-helper.md). It imports only Node built-ins,
 * so it stays small.
 *
 * The caller connects Unix sockets to the address it gave us (abstract on Linux, a socket file in the
 * caller's private folder elsewhere), a few ahead of need; each opens with a header
 * carrying a token (so no other local process can pose as the caller) and its serial number, which spawn
 * requests name for each piped fd. We read the header and nothing else: the caller writes nothing more
 * (not even stdin) until we have started the child and closed our ends. We ignore SIGINT/SIGTERM/SIGHUP (the caller decides what happens to its children) and
 * exit as soon as the IPC channel closes: when the caller exits, dies or calls `close()`. Children still
 * running then are reparented to init, which reaps them.
 */
import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import { createServer, type Socket } from "node:net";
import {
  ADDRESS_VARIABLE,
  type FromHelper,
  HEADER_LENGTH,
  type HelperSpawnError,
  TOKEN_LENGTH,
  TOKEN_VARIABLE,
  type ToHelper,
} from "./_helper-protocol.js";

type SpawnMessage = Extract<ToHelper, { t: "spawn" }>;

const address: string = JSON.parse(process.env[ADDRESS_VARIABLE] ?? '""');
const token = process.env[TOKEN_VARIABLE] ?? "";
delete process.env[ADDRESS_VARIABLE];
delete process.env[TOKEN_VARIABLE];

/** Stdio connections whose header has been read, by serial, until a spawn uses them. */
const sockets = new Map<number, Socket>();
/** Spawn requests waiting for a connection, by id. */
const requests = new Map<number, SpawnMessage>();

const send = (message: FromHelper) => {
  if (process.connected) process.send?.(message);
};

process.on("disconnect", () => process.exit(0));
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => {});

const server = createServer((socket) => {
  socket.on("error", () => {});
  const onReadable = () => {
    const head = socket.read(HEADER_LENGTH) as Buffer | null;
    if (head === null) return;
    socket.off("readable", onReadable);
    const text = head.toString("latin1");
    const serial = Number.parseInt(text.slice(TOKEN_LENGTH), 36);
    if (text.slice(0, TOKEN_LENGTH) !== token || !Number.isSafeInteger(serial)) return void socket.destroy();
    sockets.set(serial, socket);
    socket.once("close", () => sockets.get(serial) === socket && sockets.delete(serial));
    for (const request of requests.values()) if (request.stdio.includes(serial)) startIfComplete(request);
  };
  socket.on("readable", onReadable);
});
server.listen({ path: address, backlog: 4096 }, () => send({ t: "ready" }));
server.unref();

process.on("message", (message: ToHelper) => {
  if (message.t === "spawn") return startIfComplete(message);
  const request = requests.get(message.id);
  requests.delete(message.id);
  for (const fd of request?.stdio ?? []) if (typeof fd === "number") sockets.get(fd)?.destroy();
});

function startIfComplete(request: SpawnMessage): void {
  const { id } = request;
  requests.set(id, request);
  if (request.stdio.some((kind) => typeof kind === "number" && !sockets.has(kind))) return;
  requests.delete(id);
  const own = request.stdio.map((kind) => (typeof kind === "number" ? sockets.get(kind) : undefined));
  for (const kind of request.stdio) if (typeof kind === "number") sockets.delete(kind);
  const stdio = request.stdio.map((kind, fd) => own[fd] ?? (kind === "fd1" ? 1 : kind)) as StdioOptions;
  let child: ChildProcess;
  try {
    child = spawn(request.file, request.args, { cwd: request.cwd, env: request.env, stdio, detached: request.detached });
  } catch (error) {
    send({ t: "failed", id, error: describe(error) });
    return;
  } finally {
    // destroy(), never end(): end() would shut the shared socket down for the child too.
    for (const socket of own) socket?.destroy();
  }
  if (child.pid === undefined) {
    child.once("error", (error) => send({ t: "failed", id, error: describe(error) }));
    return;
  }
  child.on("error", () => {});
  child.once("exit", (code, signal) => send({ t: "exit", id, code, signal }));
  send({ t: "spawned", id, pid: child.pid });
}

function describe(error: unknown): HelperSpawnError {
  const e = (error ?? {}) as Partial<HelperSpawnError> & { name?: unknown; message?: unknown };
  return {
    name: typeof e.name === "string" ? e.name : "Error",
    message: typeof e.message === "string" ? e.message : String(error),
    code: typeof e.code === "string" ? e.code : undefined,
    errno: typeof e.errno === "number" ? e.errno : undefined,
    syscall: typeof e.syscall === "string" ? e.syscall : undefined,
    path: typeof e.path === "string" ? e.path : undefined,
    spawnargs: Array.isArray(e.spawnargs) ? e.spawnargs : undefined,
  };
}
