/** toProcess: worker processes on the caller's runtime, reused, isolated, and honest about failures. */
import { copyFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  BrokenWorkerError,
  createToProcess,
  type ProcessAdapter,
  ProcessError,
  WORKER_VARIABLES,
  type WorkerChannel,
  type WorkerCommand,
  type WorkerPool,
  WorkerStartError,
} from "@anyproc/core";
import { expect } from "vitest";
import type { Context } from "../_context.js";
import { readUntil, removeDir, scratchDir } from "../_fixtures.js";

interface Identity {
  runtime: string;
  pid: number;
  ppid: number;
}

/** The runtime executing this suite, detected the way the worker fixture detects its own. */
function hostRuntime(): string {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  return g.Bun ? "bun" : g.Deno ? "deno" : "node";
}

export function toProcessCases(ctx: Context): void {
  const it = ctx.when("workers");
  /** Cases that start a fresh caller process also need the `scripts` capability. */
  const scripted = ctx.caps.scripts ? it : ctx.when("scripts");
  /** Cases that start the suite's portable program also need the `programs` capability. */
  const programmed = ctx.caps.programs ? it : ctx.when("programs");
  const work = ctx.fixture("work.mjs");
  const withPool = async (options: Parameters<Context["toProcess"]["pool"]>[0], body: (pool: WorkerPool) => Promise<void>) => {
    const pool = ctx.toProcess.pool(options);
    try {
      await body(pool);
    } finally {
      await pool.close();
    }
  };
  /**
   * Runs `body` with the TypeScript fixture copied to a scratch folder as `typed.mts`: the suite itself may be
   * installed under node_modules, where Node never strips types, and `.mts` is a module whatever package.json
   * is near.
   */
  const withTypedModule = async (body: (module: URL) => Promise<void>) => {
    const dir = await scratchDir("anyproc-typed");
    try {
      await copyFile(fileURLToPath(ctx.fixture("typed.ts")), `${dir}/typed.mts`);
      await body(pathToFileURL(`${dir}/typed.mts`));
    } finally {
      await removeDir(dir);
    }
  };
  /**
   * The parent of the processes the adapter starts, as one of them reports it: this process, or the process an
   * adapter starts its children through (the Node adapter's spawn helper).
   */
  const spawnerPid = async () => Number((await ctx.runProcess(ctx.program("ppid"))).stdout);
  /** Runs `body` with a pool of one worker started by `command` instead of the adapter's own worker command. */
  const withWorkerCommand = async (
    command: (real: () => Promise<WorkerCommand>) => Promise<WorkerCommand>,
    body: (pool: WorkerPool) => Promise<void>,
  ) => {
    const support = ctx.adapter.workers;
    if (!support) throw new Error("the workers capability needs adapter.workers");
    const adapter: ProcessAdapter = { ...ctx.adapter, workers: { ...support, command: () => command(() => support.command()) } };
    const pool = createToProcess(adapter).pool({ maxWorkers: 1 });
    try {
      await body(pool);
    } finally {
      await pool.close();
    }
  };

  programmed("runs a call in a worker process of the caller's own runtime", async () => {
    await withPool({ maxWorkers: 1 }, async (pool) => {
      const id = await pool.run<Identity>(work, "identity");
      expect(id.runtime).toBe(hostRuntime());
      expect(id.ppid).toBe(await spawnerPid());
      expect(id.pid).not.toBe(id.ppid);
    });
  });

  it("toProcess.run uses the default pool and reuses its worker", async () => {
    const first = await ctx.toProcess.run<Identity>(work, "identity");
    const second = await ctx.toProcess.run<Identity>(work, "identity");
    expect(second.pid).toBe(first.pid);
    expect(await ctx.toProcess.run(work, "add", [2, 3])).toBe(5);
  });

  it("bind gives a proxy whose methods call the module's exports", async () => {
    const bound = ctx.toProcess.bind<{ fib(n: number): number; add(a: number, b: number): number }>(work);
    expect(await bound.fib(20)).toBe(6765);
    expect(await bound.add(1, 2)).toBe(3);
  });

  it("isWorker is false in the caller and true inside a worker", async () => {
    expect(ctx.toProcess.isWorker).toBe(false);
    expect(await ctx.toProcess.run(work, "isWorker")).toBe(true);
  });

  it("a worker cannot start a pool of its own: the attempt is a clear error, so workers never multiply", async () => {
    const nested = await ctx.toProcess.run<{ refused: boolean; name?: string; message?: string }>(work, "nestedPool");
    expect(nested.refused).toBe(true);
    expect(nested.name).toBe("ProcessError");
    expect(nested.message).toContain("inside a toProcess worker");
    expect(nested.message).toContain("toProcess.isWorker");
  });

  it("reuses the most recently used idle worker first", async () => {
    await withPool({ maxWorkers: 2 }, async (pool) => {
      const [early, late] = await Promise.all([pool.run<number>(work, "sleep", [50]), pool.run<number>(work, "sleep", [400])]);
      expect(early).not.toBe(late);
      expect((await pool.run<Identity>(work, "identity")).pid).toBe(late);
    });
  });

  it("never runs more than maxWorkers processes", async () => {
    await withPool({ maxWorkers: 2 }, async (pool) => {
      const pids = await Promise.all([1, 2, 3, 4, 5].map(() => pool.run<number>(work, "sleep", [100])));
      expect(new Set(pids).size).toBe(2);
    });
  });

  ctx.when("procfs")("an idle worker exits after idleTimeout and is replaced on demand", async () => {
    await withPool({ maxWorkers: 1, idleTimeout: 150 }, async (pool) => {
      const { pid } = await pool.run<Identity>(work, "identity");
      expect(await ctx.eventually(async () => !(await ctx.alive(pid)), 5000)).toBe(true);
      expect((await pool.run<Identity>(work, "identity")).pid).not.toBe(pid);
    });
  });

  it("round-trips structured-clone values", async () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const value = {
      map: new Map<unknown, unknown>([
        ["k", new Set([1, 2])],
        [3, { deep: [new Date(86_400_000)] }],
      ]),
      big: 2n ** 70n,
      re: /^a.c$/gimsu,
      bytes: new Uint8Array([0, 1, 254, 255]),
      floats: new Float64Array([0.5, -0, Number.NaN]),
      buffer: new Uint8Array([9, 8, 7]).buffer,
      special: [undefined, null, Number.POSITIVE_INFINITY, -0],
      error: Object.assign(new TypeError("inside"), { code: "E_IN" }),
      cyclic,
    };
    const out = await ctx.toProcess.run<typeof value>(work, "echo", [value]);
    expect(out.map).toEqual(value.map);
    expect(out.big).toBe(value.big);
    expect(out.re).toEqual(value.re);
    expect(out.re.flags).toBe(value.re.flags);
    expect(out.bytes).toEqual(value.bytes);
    expect(Array.from(out.floats).map(String)).toEqual(["0.5", "0", "NaN"]);
    expect(Object.is(out.floats[1], -0)).toBe(true);
    expect(new Uint8Array(out.buffer)).toEqual(new Uint8Array([9, 8, 7]));
    expect(out.special).toEqual([undefined, null, Number.POSITIVE_INFINITY, -0]);
    expect(Object.is(out.special[3], -0)).toBe(true);
    expect(out.error).toBeInstanceOf(TypeError);
    expect(out.error.message).toBe("inside");
    expect((out.error as TypeError & { code: string }).code).toBe("E_IN");
    expect(out.cyclic.self).toBe(out.cyclic);
  });

  it("an argument that cannot be cloned rejects at once, without taking a worker", async () => {
    await withPool({ maxWorkers: 1 }, async (pool) => {
      const busy = pool.run<number>(work, "sleep", [500]);
      const started = Date.now();
      await expect(pool.run(work, "echo", [{ callback: () => 1 }])).rejects.toThrow("args[0].callback is a function and cannot be cloned");
      expect(Date.now() - started).toBeLessThan(400);
      await busy;
      expect(await pool.run(work, "add", [1, 1])).toBe(2);
    });
  });

  it("a result that cannot be cloned rejects with a TypeError naming it", async () => {
    await expect(ctx.toProcess.run(work, "unclonableResult")).rejects.toThrow(/unclonableResult\(\)\.fn is a function/);
  });

  it("rethrows a worker error with its name, message, stack, cause and own properties", async () => {
    const error = (await ctx.toProcess.run(work, "fail").catch((e: unknown) => e)) as RangeError & { code: string; detail: unknown };
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe("RangeError");
    expect(error.message).toBe("out of range");
    expect(error.stack).toContain("work.mjs");
    expect(error.code).toBe("E_FIXTURE");
    expect(error.detail).toEqual({ limit: 3 });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toBe("root cause");
    const custom = (await ctx.toProcess.run(work, "failCustom").catch((e: unknown) => e)) as Error;
    expect(custom.name).toBe("ValidationError");
    expect(custom.message).toBe("custom class");
  });

  it("an already-aborted signal rejects with its reason and runs nothing", async () => {
    const reason = new Error("cancelled up front");
    await withPool({ maxWorkers: 1 }, async (pool) => {
      const controller = new AbortController();
      controller.abort(reason);
      await expect(pool.run(work, "identity", [], { signal: controller.signal })).rejects.toBe(reason);
    });
  });

  it("aborting a queued call rejects with the reason and the call never runs", async () => {
    await withPool({ maxWorkers: 1 }, async (pool) => {
      const busy = pool.run<number>(work, "sleep", [300]);
      const controller = new AbortController();
      const queued = pool.run(work, "identity", [], { signal: controller.signal });
      const reason = new Error("not needed");
      controller.abort(reason);
      await expect(queued).rejects.toBe(reason);
      expect(await busy).toBeGreaterThan(0);
    });
  });

  it("aborting a running call kills its worker at once and the pool replaces it", async () => {
    await withPool({ maxWorkers: 1 }, async (pool) => {
      const { pid } = await pool.run<Identity>(work, "identity");
      const controller = new AbortController();
      const running = pool.run(work, "sleep", [30_000], { signal: controller.signal });
      await ctx.sleep(100);
      const reason = new Error("stop now");
      controller.abort(reason);
      await expect(running).rejects.toBe(reason);
      if (ctx.caps.procfs) expect(await ctx.eventually(async () => !(await ctx.alive(pid)), 2000)).toBe(true);
      const next = await pool.run<Identity>(work, "identity");
      expect(next.pid).not.toBe(pid);
    });
  });

  it("aborting a call while its worker is still starting leaves the calls queued behind it to run", async () => {
    await withPool({ maxWorkers: 1 }, async (pool) => {
      // The delays put the abort before the spawn, while the worker connects, and while the call runs.
      for (const delay of [0, 5, 20, 60]) {
        const controller = new AbortController();
        const first = pool.run(work, "sleep", [30_000], { signal: controller.signal });
        const queued = pool.run<number>(work, "add", [delay, 1]);
        await ctx.sleep(delay);
        controller.abort(new Error(`stop after ${delay} ms`));
        await expect(first).rejects.toThrow(`stop after ${delay} ms`);
        expect(await queued).toBe(delay + 1);
      }
    });
  });

  it("a worker that exits mid-call rejects that call with BrokenWorkerError; other calls carry on", async () => {
    await withPool({ maxWorkers: 2 }, async (pool) => {
      const other = pool.run<number>(work, "sleep", [300]);
      const error = (await pool.run(work, "exitWith", [7]).catch((e: unknown) => e)) as BrokenWorkerError;
      expect(error).toBeInstanceOf(BrokenWorkerError);
      expect(error).toBeInstanceOf(ProcessError);
      expect(error.exitCode).toBe(7);
      expect(error.signal).toBeNull();
      expect(error.message).toContain("exitWith");
      expect(await other).toBeGreaterThan(0);
      expect(await pool.run(work, "add", [20, 22])).toBe(42);
    });
  });

  ctx.when("signals")("a worker killed by a fatal signal rejects with BrokenWorkerError naming the signal", async () => {
    await withPool({ maxWorkers: 1 }, async (pool) => {
      const error = (await pool.run(work, "killSelf", ["SIGKILL"]).catch((e: unknown) => e)) as BrokenWorkerError;
      expect(error).toBeInstanceOf(BrokenWorkerError);
      expect(error.signal).toBe("SIGKILL");
      expect(error.exitCode).toBeNull();
      expect(await pool.run(work, "add", [1, 2])).toBe(3);
    });
  });

  it("a missing export rejects with an error naming the module and the export", async () => {
    await expect(ctx.toProcess.run(work, "noSuchExport")).rejects.toThrow(/work\.mjs has no export named "noSuchExport"/);
    await expect(ctx.toProcess.run(work, "notAFunction")).rejects.toThrow(/"notAFunction" of .*work\.mjs is not a function/);
  });

  it("a module that fails to import rejects with an error naming the module and the export", async () => {
    const error = (await ctx.toProcess.run(ctx.fixture("broken.mjs"), "anything").catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("broken.mjs");
    expect(error.message).toContain('"anything"');
    expect(error.message).toContain("broken fixture module");
    const missing = (await ctx.toProcess.run(ctx.fixture("no-such-module.mjs"), "x").catch((e: unknown) => e)) as Error;
    expect(missing.message).toContain("no-such-module.mjs");
  });

  ctx.when("typescript")("a TypeScript module runs in a worker where the runtime runs TypeScript", async () => {
    await withTypedModule(async (module) => {
      expect(await ctx.toProcess.run(module, "square", [12])).toBe(144);
    });
  });

  ctx.unless("typescript")("a TypeScript module is refused with an error that says why, where the runtime cannot run it", async () => {
    await withTypedModule(async (module) => {
      const error = (await ctx.toProcess.run(module, "square", [12]).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain("typed.mts");
      expect(error.message).toContain('"square"');
      expect(error.message).toMatch(/TypeScript/);
    });
  });

  it("a relative module path is refused with a hint to use import.meta.url", async () => {
    await expect(ctx.toProcess.run("./work.mjs", "echo")).rejects.toThrow(/new URL\("\.\/work\.mjs", import\.meta\.url\)/);
  });

  programmed("a worker that ends before it connects rejects with WorkerStartError ending in the last lines of its stderr", async () => {
    // 26 numbered lines, then the reason: the message keeps the last 20 lines.
    const steps = ["lines", "err", "26", "fixture line ", "err", "fixture worker cannot start: no such flag\n", "exit", "9"];
    await withWorkerCommand(
      async () => ({ argv: ctx.program(...steps) }),
      async (pool) => {
        const [first, queued] = await Promise.all([
          pool.run(work, "add", [1, 2]).catch((e: unknown) => e),
          pool.run(work, "add", [3, 4]).catch((e: unknown) => e),
        ]);
        const error = first as WorkerStartError;
        expect(error).toBeInstanceOf(WorkerStartError);
        expect(error).toBeInstanceOf(BrokenWorkerError);
        expect(error.exitCode).toBe(9);
        expect(error.signal).toBeNull();
        expect(error.message).toMatch(
          /^A toProcess worker could not start \(exit code 9 before it connected to its pool\): .*program\.mjs.* lines err 26 /,
        );
        expect(error.message.endsWith("\nfixture line 25\nfixture worker cannot start: no such flag")).toBe(true);
        expect(error.message).toContain("\nfixture line 7\n");
        expect(error.message).not.toContain("\nfixture line 6\n");
        expect(queued).toBe(error);
      },
    );
  });

  it("a worker whose program throws before it connects rejects with WorkerStartError carrying what it printed", async () => {
    await withWorkerCommand(
      async (real) => ({
        argv: (await real()).argv,
        program: 'console.error("fixture: about to throw"); throw new Error("fixture: thrown before connecting");',
      }),
      async (pool) => {
        const error = (await pool.run(work, "add", [1, 2]).catch((e: unknown) => e)) as WorkerStartError;
        expect(error).toBeInstanceOf(WorkerStartError);
        expect(error.exitCode).not.toBe(0);
        expect(error.message).toContain("could not start");
        expect(error.message).toContain("fixture: about to throw");
        expect(error.message).toContain("fixture: thrown before connecting");
      },
    );
  });

  it("a worker flooding 1 MiB on stdout and stderr neither deadlocks nor corrupts the channel", async () => {
    await withPool({ maxWorkers: 1 }, async (pool) => {
      expect(await pool.run(work, "flood", [1024 * 1024])).toBe("flooded");
      expect(await pool.run(work, "add", [2, 2])).toBe(4);
    });
  });

  ctx.when("procfs")("a worker exits within a second when its caller's end of the channel closes (caller death)", async () => {
    const support = ctx.adapter.workers;
    if (!support) throw new Error("the workers capability needs adapter.workers");
    const listener = await support.listen();
    try {
      const connected = new Promise<WorkerChannel>((resolve) => listener.onConnection(resolve));
      const command = await support.command();
      const worker = await ctx.openProcess([...command.argv], {
        stdin: command.program === undefined ? "ignore" : "pipe",
        stdout: "ignore",
        stderr: "ignore",
        env: { [WORKER_VARIABLES[0]]: listener.address, [WORKER_VARIABLES[1]]: "caller-death" },
      });
      if (command.program !== undefined && worker.stdin) {
        const writer = worker.stdin.getWriter();
        await writer.write(new TextEncoder().encode(command.program));
        await writer.close();
      }
      try {
        const channel = await connected;
        channel.close(); // what the kernel does to the caller's socket when the caller is killed
        const started = Date.now();
        expect(await ctx.eventually(async () => !(await ctx.alive(worker.pid)), 5000)).toBe(true);
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await worker[Symbol.asyncDispose]();
      }
    } finally {
      listener.close();
    }
  });

  scripted("an idle pool never keeps the caller alive: a script that awaits one call and returns exits at once", async () => {
    // An idle worker that kept the caller alive would hold it for idleTimeout (5 minutes): the timeout catches that.
    const result = await ctx.runProcess(ctx.caller("caller.mjs", "return"), { timeout: 15_000 });
    expect(JSON.parse(result.stdout).runtime).toBe(hostRuntime());
    expect(result.exitCode).toBe(0);
  });

  scripted("a worker's console.log and console.error reach the caller's stdout and stderr", async () => {
    const result = await ctx.runProcess(ctx.caller("caller.mjs", "say"), { timeout: 15_000 });
    expect(result.stdout.split("\n")).toEqual(["worker says out", '"said"', ""]);
    expect(result.stderr).toContain("worker says err");
  });

  scripted(
    "a worker that cannot start: what it writes reaches the caller's stderr, its error carries it, and the caller exits",
    async () => {
      const result = await ctx.runProcess(ctx.caller("caller.mjs", "cannot-start"), { timeout: 15_000 });
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toContain("fixture worker starting\nfixture worker cannot start: no such flag\n");
      const error = JSON.parse(result.stdout) as { name: string; exitCode: number; message: string };
      expect(error.name).toBe("WorkerStartError");
      expect(error.exitCode).toBe(9);
      expect(error.message).toContain("could not start");
      expect(error.message).toContain("\nfixture worker starting\nfixture worker cannot start: no such flag");
    },
  );

  (ctx.caps.procfs ? scripted : ctx.when("procfs"))(
    "when the caller is killed with SIGKILL, its idle worker exits within a second",
    async () => {
      const proc = await ctx.openProcess(ctx.caller("caller.mjs", "wait"), { stdin: "ignore", stderr: "ignore" });
      try {
        const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
        const line = await readUntil(reader, "\n");
        reader.releaseLock();
        const worker = (JSON.parse(line) as Identity).pid;
        expect(await ctx.alive(worker)).toBe(true);
        proc.kill();
        await proc.wait();
        const started = Date.now();
        expect(await ctx.eventually(async () => !(await ctx.alive(worker)), 5000)).toBe(true);
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await proc[Symbol.asyncDispose]();
      }
    },
  );

  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    (!ctx.caps.signals ? ctx.when("signals") : ctx.caps.procfs ? scripted : ctx.when("procfs"))(
      `when the caller is ended by ${signal}, its busy worker exits within a second`,
      async () => {
        const proc = await ctx.openProcess(ctx.caller("caller.mjs", "busy"), { stdin: "ignore", stderr: "ignore" });
        try {
          const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
          const line = await readUntil(reader, "\n");
          reader.releaseLock();
          const worker = (JSON.parse(line) as Identity).pid;
          await ctx.sleep(200); // the 30 s call has reached the worker
          expect(await ctx.alive(worker)).toBe(true);
          proc.sendSignal(signal);
          expect((await proc.wait()).signal).toBe(signal);
          const started = Date.now();
          expect(await ctx.eventually(async () => !(await ctx.alive(worker)), 5000)).toBe(true);
          expect(Date.now() - started).toBeLessThan(1000);
        } finally {
          await proc[Symbol.asyncDispose]();
        }
      },
    );
  }

  it("close() rejects queued calls and ends every worker", async () => {
    const pool = ctx.toProcess.pool({ maxWorkers: 1 });
    const { pid } = await pool.run<Identity>(work, "identity");
    const running = pool.run<number>(work, "sleep", [200]);
    const queued = pool.run(work, "identity");
    const closing = pool.close();
    await expect(queued).rejects.toBeInstanceOf(ProcessError);
    expect(await running).toBe(pid);
    await closing;
    if (ctx.caps.procfs) expect(await ctx.alive(pid)).toBe(false);
    await expect(pool.run(work, "identity")).rejects.toThrow(/closed/);
  });

  it("close() kills a worker that does not finish within the grace period", async () => {
    const pool = ctx.toProcess.pool({ maxWorkers: 1 });
    const { pid } = await pool.run<Identity>(work, "identity");
    const stuck = pool.run(work, "sleep", [60_000]).catch((e: unknown) => e);
    await pool.close();
    expect(await stuck).toBeInstanceOf(BrokenWorkerError);
    if (ctx.caps.procfs) expect(await ctx.alive(pid)).toBe(false);
  });

  it("rejects bad pool options and bad call arguments with clear errors", async () => {
    expect(() => ctx.toProcess.pool({ maxWorkers: 0 })).toThrow(/`maxWorkers` must be a positive integer, got 0/);
    expect(() => ctx.toProcess.pool({ idleTimeout: -1 })).toThrow(/`idleTimeout`.*-1/);
    expect(() => ctx.toProcess.pool({ size: 2 } as never)).toThrow(/Unknown option "size"/);
    await expect(ctx.toProcess.run(work, "")).rejects.toThrow(/export name must be a non-empty string/);
    await expect(ctx.toProcess.run(work, "echo", "x" as never)).rejects.toThrow(/arguments must be an array, got "x"/);
  });
}
