// The process functions and toProcess bound to an adapter loaded at the first call (what `anyproc` exports),
// over a fake adapter whose children print their command's first word and exit 0.
import { describe, expect, it } from "vitest";
import type { ProcessAdapter, SpawnRequest } from "../src/index.js";
import { bindAdapterLoader, createToProcess, SpawnError } from "../src/index.js";

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

/** A loader of `adapter` that counts its calls and fails the first `failures` of them. */
function countingLoader(adapter: ProcessAdapter, failures = 0) {
  const loader = Object.assign(
    async () => {
      loader.calls++;
      if (loader.calls <= failures) throw new Error(`load ${loader.calls} failed`);
      return adapter;
    },
    { calls: 0 },
  );
  return loader;
}

describe("bindAdapterLoader", () => {
  it("loads nothing until the first call, then loads the adapter once for every call", async () => {
    const { adapter, spawned } = fakeAdapter();
    const load = countingLoader(adapter);
    const api = bindAdapterLoader(load);
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
    const api = bindAdapterLoader(load);
    await expect(api.runProcess(["x"])).rejects.toThrow("load 1 failed");
    expect((await api.runProcess(["again"])).stdout).toBe("again");
    expect(load.calls).toBe(2);
  });

  it("rejects bad input and spawn failures as the bound functions do, spawning nothing for bad input", async () => {
    const { adapter, spawned } = fakeAdapter();
    const api = bindAdapterLoader(countingLoader(adapter));
    await expect(api.runProcess([""])).rejects.toThrow(TypeError);
    await expect(api.openPipeline([])).rejects.toThrow(TypeError);
    expect(spawned).toEqual([]);
    await expect(api.runProcess(["missing"])).rejects.toBeInstanceOf(SpawnError);
  });
});

describe("toProcess on a loaded adapter", () => {
  it("checks pool options at once, before anything is loaded", () => {
    const load = countingLoader(fakeAdapter().adapter);
    const toProcess = bindAdapterLoader(load).toProcess;
    expect(() => toProcess.pool({ maxWorkers: 0 })).toThrow(RangeError);
    expect(() => toProcess.pool({ idleTimeout: -1 })).toThrow(RangeError);
    expect(() => toProcess.pool({ max: 1 } as never)).toThrow(/Unknown option "max"/);
    expect(toProcess.isWorker).toBe(false);
    expect(load.calls).toBe(0);
  });

  it("an adapter without worker support is a TypeError: at pool() when given, at the first call when loaded", async () => {
    const { adapter } = fakeAdapter();
    expect(() => createToProcess(adapter).pool()).toThrow(/The fake adapter does not support toProcess worker pools/);
    const pool = createToProcess(countingLoader(adapter)).pool();
    await expect(pool.run("./work.js", "add", [1, 2])).rejects.toThrow(/The fake adapter does not support toProcess worker pools/);
    await expect(pool.close()).rejects.toBeInstanceOf(TypeError);
  });
});
