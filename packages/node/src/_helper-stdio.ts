/**
 * The caller's half of a helper spawn's stdio: Unix sockets connected to the address the helper listens on. The
 * helper hands its end to the child as the fd; ours stays here, so nothing but the caller ever reads what the
 * child writes. Our stdin ends are write-only from birth, like child_process's, so closing one waits for the
 * write side alone; our output ends are paused from birth, so a child that exits before anyone reads keeps
 * its output and its EOF for the reader. A few sockets are connected ahead of need, while the helper is busy
 * forking, so that connecting costs nothing on a spawn's way.
 */
import { Socket } from "node:net";
import type { SpawnRequest } from "@anyproc/core";
import { type HelperStdio, header } from "./_helper-protocol.js";

/** Our end of one stdio connection. */
export interface StdioSocket {
  readonly socket: Socket;
  /** The number its header carried, by which a spawn request names it. */
  readonly serial: number;
  /** Called with the first error while the socket is not yet a running child's stream. */
  onError: ((error: Error) => void) | null;
}

/** Spare connections kept ready: one for a stdin, two for a stdout and a stderr. */
const SPARE = { input: 1, output: 2 } as const;

/** The stdio connections of one helper: making them, and keeping a few spare. */
export class StdioSockets {
  private serial = 0;
  private readonly spare: Record<keyof typeof SPARE, StdioSocket[]> = { input: [], output: [] };

  constructor(
    private readonly path: string,
    private readonly token: string,
  ) {}

  /** The connections `request` needs by fd (fd 2 shares fd 1's for `stderr: "stdout"`), and each fd's kind. */
  take(request: SpawnRequest): { sockets: Array<StdioSocket | undefined>; stdio: [HelperStdio, HelperStdio, HelperStdio] } {
    const stdin = request.stdin === "pipe" ? this.one("input") : undefined;
    const stdout = request.stdout === "pipe" ? this.one("output") : undefined;
    const stderr = request.stderr === "pipe" ? this.one("output") : undefined;
    const shared = stdout ? stdout.serial : request.stdout === "inherit" ? "fd1" : "ignore";
    const err: HelperStdio = request.stderr === "stdout" ? shared : (stderr?.serial ?? (request.stderr as HelperStdio));
    return {
      sockets: [stdin, stdout, stderr],
      stdio: [stdin?.serial ?? (request.stdin as HelperStdio), stdout?.serial ?? (request.stdout as HelperStdio), err],
    };
  }

  /** Connects spare sockets until there are enough again. */
  refill(): void {
    for (const kind of ["input", "output"] as const) {
      while (this.spare[kind].length < SPARE[kind]) this.spare[kind].push(this.connect(kind));
    }
  }

  /** Closes the spare sockets. */
  close(): void {
    for (const list of Object.values(this.spare)) for (const spare of list.splice(0)) spare.socket.destroy();
  }

  private one(kind: keyof typeof SPARE): StdioSocket {
    let taken = this.spare[kind].shift();
    while (taken?.socket.destroyed) taken = this.spare[kind].shift();
    taken ??= this.connect(kind);
    taken.socket.ref();
    return taken;
  }

  private connect(kind: keyof typeof SPARE): StdioSocket {
    const socket = new Socket({ readable: kind === "output" });
    socket.pause();
    const entry: StdioSocket = { socket, serial: ++this.serial, onError: null };
    socket.on("error", (error) => {
      const onError = entry.onError;
      entry.onError = null;
      onError?.(error);
    });
    // A spare that fails or closes is dropped.
    socket.once("close", () => {
      const list = this.spare[kind];
      if (list.includes(entry)) list.splice(list.indexOf(entry), 1);
    });
    socket.connect(this.path);
    socket.write(header(this.token, entry.serial));
    socket.unref();
    return entry;
  }
}
