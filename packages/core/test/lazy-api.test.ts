// The process functions and toProcess of a module loaded at the first call (what `anyproc` exports), over a
// fake adapter whose children print their command's first word and exit 0.
import { describe, expect, it } from "vitest";
import type { ProcessAdapter, SpawnRequest } from "../src/index.js";
import { type AdapterModule, bindAdapter, createToProcess, lazyProcessApi, SpawnError } from "../src/index.js";

/** A fake adapter; `spawned` records each request. */
function fakeAdapter(workers?: ProcessAdapter["workers"]) {
  const spawned: SpawnRequest[] = [];
  const adapter: ProcessAdapter = {
    runtime: "fake",
    execPath: "/fake",
    pathKind: async () => "missing",
    workers,
    async spawn(request) {
      spawned.push(request);
      if (request.file === "missing") throw Object.assign(new Error("no such file"), { code: "ENOENT" });
      const word = new TextEncoder().encode(String(request.args[0] ?? request.file));
      return {
        pid: 4242,
        stdin: null,
        stdout: new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(word);
            controller.close();
          },
        }),
        stderr: null,
        exited: Promise.resolve({ exitCode: 0, signal: null }),
        kill: () => false,
      };
    },
  };
  return { adapter, spawned };
}

/**
 * A loader of `adapter` with the functions bound to it, as an adapter package's index exports them, that counts
 * its calls and fails the first `failures` of them.
 */
function countingLoader(adapter: ProcessAdapter, failures = 0) {
  const loader = Object.assign(
    async (): Promise<AdapterModule> => {
      loader.calls++;
      if (loader.calls <= failures) throw new Error(`load ${loader.calls} failed`);
      return { adapter, ...bindAdapter(adapter) };
    },
    { calls: 0 },
  );
  return loader;
}

/** A loader of `adapter` alone, as toProcess takes it. */
const adapterOf = (load: ReturnType<typeof countingLoader>) => () => load().then((module) => module.adapter);

describe("lazyProcessApi", () => {
  it("loads nothing until the first call, then loads the adapter once for every call", async () => {
    const { adapter, spawned } = fakeAdapter();
    const load = countingLoader(adapter);
    const api = lazyProcessApi(load);
    expect(load.calls).toBe(0);
    const [a, b] = await Promise.all([api.runProcess(["first"]), api.runProcess(["second"])]);
    expect([a.stdout, b.stdout]).toEqual(["first", "second"]);
    const piped = await api.runPipeline([["one"], ["two"]]);
    expect(piped.stdout).toBe("two");
    const opened = await api.openProcess(["third"]);
    await opened.wait();
    expect(load.calls).toBe(1);
    expect(spawned.map((request) => request.file)).toEqual(["first", "second", "one", "two", "third"]);
  });

  it("a load that fails rejects that call with its error, and the next call loads again", async () => {
    const { adapter } = fakeAdapter();
    const load = countingLoader(adapter, 1);
    const api = lazyProcessApi(load);
    await expect(api.runProcess(["x"])).rejects.toThrow("load 1 failed");
    expect((await api.runProcess(["again"])).stdout).toBe("again");
    expect(load.calls).toBe(2);
  });

  it("rejects bad input and spawn failures as the bound functions do, spawning nothing for bad input", async () => {
    const { adapter, spawned } = fakeAdapter();
    const api = lazyProcessApi(countingLoader(adapter));
    await expect(api.runProcess([""])).rejects.toThrow(TypeError);
    await expect(api.openPipeline([])).rejects.toThrow(TypeError);
    expect(spawned).toEqual([]);
    await expect(api.runProcess(["missing"])).rejects.toBeInstanceOf(SpawnError);
  });
});

describe("toProcess on a loaded adapter", () => {
  it("checks pool options at once, before anything is loaded", () => {
    const load = countingLoader(fakeAdapter().adapter);
    const toProcess = lazyProcessApi(load).toProcess;
    expect(() => toProcess.pool({ maxWorkers: 0 })).toThrow(RangeError);
    expect(() => toProcess.pool({ idleTimeout: -1 })).toThrow(RangeError);
    expect(() => toProcess.pool({ max: 1 } as never)).toThrow(/Unknown option "max"/);
    expect(toProcess.isWorker).toBe(false);
    expect(load.calls).toBe(0);
  });

  it("an adapter without worker support is a TypeError: at pool() when given, at the first call when loaded", async () => {
    const { adapter } = fakeAdapter();
    expect(() => createToProcess(adapter).pool()).toThrow(/The fake adapter does not support toProcess worker pools/);
    const pool = createToProcess(adapterOf(countingLoader(adapter))).pool();
    await expect(pool.run("./work.js", "add", [1, 2])).rejects.toThrow(/The fake adapter does not support toProcess worker pools/);
    await expect(pool.close()).rejects.toBeInstanceOf(TypeError);
  });

  it("a pool whose adapter failed to load tries again at its next call", async () => {
    const load = countingLoader(fakeAdapter().adapter, 1);
    const pool = lazyProcessApi(load).toProcess.pool({ maxWorkers: 1 });
    await expect(pool.run("./work.js", "add")).rejects.toThrow("load 1 failed");
    await expect(pool.run("./work.js", "add")).rejects.toThrow(/does not support toProcess worker pools/);
    expect(load.calls).toBe(2);
  });
});
