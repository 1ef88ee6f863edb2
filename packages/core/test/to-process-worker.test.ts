// A toProcess pool over a fake adapter: a worker's stderr on its way to the caller and into the error of a
// worker that could not start, when an idle worker lets go of the caller, a killed worker that is never given a
// call, a call that finishes while its pool closes, and calls that settle once.
import { describe, expect, it } from "vitest";
import type { ExitStatus, ProcessAdapter, SpawnedChild, SpawnRequest, WorkerChannel } from "../src/index.js";
import { BrokenWorkerError, createToProcess, WORKER_VARIABLES, WorkerStartError } from "../src/index.js";
import { StderrRelay } from "../src/to-process/_stderr.js";
import { Task } from "../src/to-process/_task.js";

const text = (chunk: string) => new TextEncoder().encode(chunk);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The error `call` rejects with. */
const rejection = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as BrokenWorkerError,
  );

interface FakeWorker {
  request: SpawnRequest;
  refs: boolean[];
  writeStderr(chunk: string): void;
  exit(status: ExitStatus): void;
  /** When true, a signal the pool sends does not land until the test calls {@link exit}. */
  signalsHeld: boolean;
  /**
   * Connects back to the pool with the worker's token; a call is answered with what `answer(args)` gives, if
   * anything, `after` milliseconds later when it says so.
   */
  connect(answer: (args: unknown[]) => { value: unknown; after?: number } | undefined): { refs: boolean[] };
}

/** An adapter whose workers are fakes: `onSpawn` drives each one. */
function fakePool(onSpawn: (worker: FakeWorker) => void) {
  const forwarded: string[] = [];
  let accept: ((channel: WorkerChannel) => void) | undefined;
  const adapter: ProcessAdapter = {
    runtime: "fake",
    execPath: "/fake",
    pathKind: async () => "missing",
    spawn: async (request) => {
      let stderr!: ReadableStreamDefaultController<Uint8Array>;
      let resolveExit!: (status: ExitStatus) => void;
      let done = false;
      const exit = (status: ExitStatus) => {
        if (done) return;
        done = true;
        stderr.close();
        resolveExit(status);
      };
      const refs: boolean[] = [];
      const child: SpawnedChild = {
        pid: 4242,
        stdin: null,
        stdout: null,
        stderr: new ReadableStream({
          start(c) {
            stderr = c;
          },
        }),
        exited: new Promise((resolve) => (resolveExit = resolve)),
        kill: (signal) => {
          if (!worker.signalsHeld) exit({ exitCode: null, signal });
          return true;
        },
        ref: (keep) => void refs.push(keep),
      };
      const token = request.env.set[WORKER_VARIABLES[1]] as string;
      const worker: FakeWorker = {
        request,
        refs,
        signalsHeld: false,
        writeStderr: (chunk) => stderr.enqueue(text(chunk)),
        exit,
        connect(answer) {
          const channelRefs: boolean[] = [];
          let deliver!: (text: string | null) => void;
          const channel: WorkerChannel = {
            read(listener) {
              deliver = listener;
            },
            write(frame) {
              const call = JSON.parse(frame) as { id: number; a: unknown[] };
              const answered = answer(call.a);
              const reply = () => deliver(`${JSON.stringify({ t: "ok", id: call.id, v: answered?.value })}\n`);
              if (answered?.after !== undefined) setTimeout(reply, answered.after);
              else if (answered) queueMicrotask(reply);
            },
            // A worker exits when its pool ends the channel, at once: as over a named pipe, which has no
            // half-close, a reply it would write afterwards is lost.
            end: async () => exit({ exitCode: 0, signal: null }),
            ref: (keep) => void channelRefs.push(keep),
            close: () => {},
          };
          accept?.(channel);
          deliver(`${JSON.stringify({ t: "hello", token })}\n`);
          return { refs: channelRefs };
        },
      };
      onSpawn(worker);
      return child;
    },
    workers: {
      listen: async () => ({
        address: "@fake",
        onConnection(handler) {
          accept = handler;
        },
        close: () => {},
      }),
      command: async () => ({ argv: ["fake-runtime", "--flag", "-"] }),
      parallelism: () => 1,
      typescript: true,
      writeStderr: (chunk) => void forwarded.push(new TextDecoder().decode(chunk)),
    },
  };
  return { pool: createToProcess(adapter).pool({ maxWorkers: 1 }), forwarded };
}

describe("toProcess worker stderr", () => {
  it("a worker that ends before it connects rejects the call and those queued with its stderr's last lines", async () => {
    const { pool, forwarded } = fakePool((worker) => {
      expect(worker.request.stderr).toBe("pipe");
      expect(worker.request.stdout).toBe("inherit");
      worker.writeStderr("fake-runtime: starting\n");
      worker.writeStderr("fake-runtime: bad option: --flag\n");
      setTimeout(() => worker.exit({ exitCode: 9, signal: null }), 5);
    });
    const [first, queued] = await Promise.all([rejection(pool.run("/work.js", "f")), rejection(pool.run("/work.js", "g"))]);
    expect(first).toBeInstanceOf(WorkerStartError);
    expect(first.exitCode).toBe(9);
    expect(first.message).toBe(
      "A toProcess worker could not start (exit code 9 before it connected to its pool): fake-runtime --flag -\n" +
        "fake-runtime: starting\nfake-runtime: bad option: --flag",
    );
    expect(queued).toBe(first);
    expect(forwarded).toEqual(["fake-runtime: starting\n", "fake-runtime: bad option: --flag\n"]);
    await pool.close();
  });

  it("a worker that wrote nothing says how it ended and names its command", async () => {
    const { pool } = fakePool((worker) => setTimeout(() => worker.exit({ exitCode: null, signal: "SIGSEGV" }), 5));
    const error = await rejection(pool.run("/work.js", "f"));
    expect(error.message).toBe(
      "A toProcess worker could not start (signal SIGSEGV before it connected to its pool): fake-runtime --flag -",
    );
    expect(error.signal).toBe("SIGSEGV");
    await pool.close();
  });

  it("what a worker writes after it connected goes to the caller's stderr, and a crash is a BrokenWorkerError", async () => {
    const { pool, forwarded } = fakePool((worker) => {
      worker.connect(() => {
        worker.writeStderr("during the call\n");
        setTimeout(() => worker.exit({ exitCode: 3, signal: null }), 5);
        return undefined;
      });
    });
    const error = await rejection(pool.run("/work.js", "f"));
    expect(error).toBeInstanceOf(BrokenWorkerError);
    expect(error).not.toBeInstanceOf(WorkerStartError);
    expect(error.message).not.toContain("during the call");
    expect(forwarded).toEqual(["during the call\n"]);
    await pool.close();
  });

  it("an idle worker lets go of the caller one release delay after its last call, not at once", async () => {
    let refs!: boolean[];
    let channelRefs!: boolean[];
    const { pool } = fakePool((worker) => {
      refs = worker.refs;
      channelRefs = worker.connect(([a, b]) => ({ value: (a as number) + (b as number) })).refs;
    });
    expect(await pool.run("/work.js", "add", [1, 2])).toBe(3);
    expect(await pool.run("/work.js", "add", [2, 3])).toBe(5);
    expect(refs.includes(false)).toBe(false);
    await sleep(50);
    expect(refs.at(-1)).toBe(false);
    expect(channelRefs.at(-1)).toBe(false);
    await pool.close();
  });
});

describe("toProcess worker that the pool killed", () => {
  it("never takes a call, even when it connects before the signal lands", async () => {
    const workers: FakeWorker[] = [];
    const { pool } = fakePool((worker) => {
      workers.push(worker);
      worker.signalsHeld = workers.length === 1;
      if (workers.length > 1) worker.connect(([name]) => ({ value: `worker ${workers.length} ran ${String(name)}` }));
    });
    const controller = new AbortController();
    const aborted = rejection(pool.run("/work.js", "f", ["first"], { signal: controller.signal }));
    await sleep(5); // the first worker has been spawned and has not connected
    expect(workers).toHaveLength(1);
    controller.abort(new Error("stop the first call"));
    expect((await aborted).message).toBe("stop the first call");
    const next = pool.run("/work.js", "f", ["second"]);
    const takenByKilled: unknown[] = [];
    workers[0]!.connect((args) => {
      takenByKilled.push(args);
      return { value: "the killed worker ran it" };
    });
    await sleep(5);
    workers[0]!.exit({ exitCode: null, signal: "SIGKILL" });
    expect(await next).toBe("worker 2 ran second");
    expect(takenByKilled).toEqual([]);
    await pool.close();
  });
});

describe("toProcess pool close", () => {
  it("a call running when the pool closes gets its reply: the worker's channel is ended only after it", async () => {
    const { pool } = fakePool((worker) => void worker.connect(([ms]) => ({ value: `slept ${String(ms)}`, after: ms as number })));
    const running = pool.run("/work.js", "sleep", [30]);
    await sleep(5); // the worker has connected and runs the call
    const queued = rejection(pool.run("/work.js", "sleep", [0]));
    const closing = pool.close();
    expect((await queued).message).toMatch(/closed before "sleep"/);
    expect(await running).toBe("slept 30");
    await closing;
  });
});

describe("StderrRelay", () => {
  const relay = (chunks: string[]) => {
    const written: string[] = [];
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(text(chunk));
        c.close();
      },
    });
    return { relay: new StderrRelay(stream, (chunk) => written.push(new TextDecoder().decode(chunk))), written };
  };

  it("keeps the last 20 lines of what it passed on", async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}\n`);
    const { relay: r, written } = relay(lines);
    await r.ended;
    expect(written).toEqual(lines);
    expect(r.tail()).toBe(lines.slice(-20).join("").trimEnd());
  });

  it("keeps a bounded number of bytes of one long line", async () => {
    const { relay: r } = relay(["x".repeat(100_000)]);
    await r.ended;
    expect(r.tail()).toBe(`…${"x".repeat(2000)}`);
  });

  it("keeps nothing once told to forget, and still passes output on", async () => {
    const { relay: r, written } = relay(["before\n"]);
    await r.ended;
    r.forget();
    expect(r.tail()).toBe("");
    expect(written).toEqual(["before\n"]);
  });

  it("closing ends a pipe that is still open", async () => {
    const r = new StderrRelay(new ReadableStream<Uint8Array>(), () => {});
    r.close();
    await r.ended;
  });
});

describe("Task", () => {
  const task = () => {
    const outcomes: string[] = [];
    const t = new Task(
      { t: "call", id: 1, m: "file:///work.js", x: "f", a: [] },
      (value) => outcomes.push(`resolved ${String(value)}`),
      (error) => outcomes.push(`rejected ${error instanceof Error ? error.message : String(error)}`),
    );
    return { t, outcomes };
  };

  it("settles once: the first outcome counts", () => {
    const { t, outcomes } = task();
    t.reply(true, () => 7);
    expect(t.reject(new Error("late"))).toBe(false);
    t.reply(false, () => new Error("later"));
    expect(t.settled).toBe(true);
    expect(outcomes).toEqual(["resolved 7"]);
  });

  it("a reply that cannot be decoded rejects with why, and nothing is decoded for a settled call", () => {
    const { t, outcomes } = task();
    t.reply(true, () => {
      throw new TypeError("cannot decode");
    });
    t.reply(true, () => {
      throw new Error("decoded again");
    });
    expect(outcomes).toEqual(["rejected cannot decode"]);
  });
});
