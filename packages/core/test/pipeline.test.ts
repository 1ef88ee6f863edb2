// Pipeline policy over a fake adapter: how stages are joined, that every pipe core holds is closed, the SIGPIPE
// rule, and what a stage that cannot start leaves behind, with no real process.
import { describe, expect, it } from "vitest";
import type { ExitStatus, ProcessAdapter, SpawnedChild, SpawnRequest, StdoutLink } from "../src/index.js";
import { CalledProcessError, runPipeline, SpawnError } from "../src/index.js";
import type { Signal } from "../src/signals.js";

interface FakeChild extends SpawnedChild {
  readonly request: SpawnRequest;
  readonly signals: Signal[];
  readonly stdinText: () => string;
  write(text: string): void;
  exit(status: ExitStatus): void;
}

interface Options {
  links?: boolean;
  windows?: boolean;
  /** Signals each child survives. */
  ignore?: Signal[];
  /** Index of the spawn that fails with ENOENT. */
  failAt?: number;
  onSpawn?: (child: FakeChild, index: number) => void;
}

/** A fake adapter whose children are driven by the test; links record whether they were closed. */
function fakeAdapter(options: Options = {}) {
  const children: FakeChild[] = [];
  const links: { link: StdoutLink; closed: boolean }[] = [];
  let spawns = 0;
  const adapter: ProcessAdapter = {
    runtime: "fake",
    execPath: "/fake",
    pathKind: async () => "unknown",
    ...(options.links ? { links: true } : {}),
    ...(options.windows ? { windows: { env: () => undefined, envNames: () => [] } } : {}),
    async spawn(request) {
      const index = spawns++;
      if (index === options.failAt) throw Object.assign(new Error("spawn ENOENT"), { code: "ENOENT" });
      let out!: ReadableStreamDefaultController<Uint8Array>;
      let resolveExit!: (status: ExitStatus) => void;
      let exited = false;
      const received: string[] = [];
      const decoder = new TextDecoder();
      const signals: Signal[] = [];
      let linked: { link: StdoutLink; closed: boolean } | null = null;
      if (request.stdoutLink) {
        const entry: { link: StdoutLink; closed: boolean } = {
          link: {
            close() {
              entry.closed = true;
            },
          },
          closed: false,
        };
        linked = entry;
        links.push(entry);
      }
      const child: FakeChild = {
        pid: 1000 + index,
        request,
        signals,
        stdin:
          request.stdin === "pipe" && !request.stdinLink
            ? new WritableStream<Uint8Array>({ write: (chunk) => void received.push(decoder.decode(chunk, { stream: true })) })
            : null,
        stdout:
          request.stdout === "pipe" && !request.stdoutLink
            ? new ReadableStream<Uint8Array>({
                start(c) {
                  out = c;
                },
              })
            : null,
        stderr: null,
        exited: new Promise((resolve) => (resolveExit = resolve)),
        ...(linked ? { link: linked.link } : {}),
        stdinText: () => received.join(""),
        write: (text) => out?.enqueue(new TextEncoder().encode(text)),
        exit(status) {
          if (exited) return;
          exited = true;
          try {
            out?.close();
          } catch {}
          resolveExit(status);
        },
        kill(signal) {
          signals.push(signal);
          if (exited) return false;
          if (!(options.ignore ?? []).includes(signal)) child.exit({ exitCode: null, signal });
          return true;
        },
      };
      children.push(child);
      options.onSpawn?.(child, index);
      return child;
    },
  };
  return { adapter, children, links };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("runPipeline over an adapter that links pipes", () => {
  it("passes each stage's stdout link as the next stage's stdin and closes every link", async () => {
    const { adapter, children, links } = fakeAdapter({
      links: true,
      onSpawn: (child, index) => {
        if (index === 2)
          setTimeout(() => {
            child.write("done");
            child.exit({ exitCode: 0, signal: null });
          }, 10);
        else setTimeout(() => child.exit({ exitCode: 0, signal: null }), 5);
      },
    });
    const result = await runPipeline(adapter, [["a"], ["b"], ["c"]]);
    expect(result.stdout).toBe("done");
    expect(children.map((c) => [Boolean(c.request.stdoutLink), c.request.stdinLink !== undefined])).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
    expect(children[1]?.request.stdinLink).toBe(children[0]?.link);
    expect(links.map((l) => l.closed)).toEqual([true, true]);
  });

  it("a stage that cannot start: the stages started are stopped and their links closed", async () => {
    const { adapter, children, links } = fakeAdapter({ links: true, failAt: 1 });
    const error = await runPipeline(adapter, [["a"], ["missing"], ["c"]]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpawnError);
    expect(children).toHaveLength(1);
    expect(children[0]?.signals).toEqual(["SIGTERM"]);
    expect(links.map((l) => l.closed)).toEqual([true]);
  });

  it("a stage whose reader exited gets SIGPIPE and is no failure; one that survives it and fails is", async () => {
    const ok = fakeAdapter({
      links: true,
      onSpawn: (child, index) => index === 1 && setTimeout(() => child.exit({ exitCode: 0, signal: null }), 5),
    });
    const result = await runPipeline(ok.adapter, [["yes"], ["head"]]);
    expect(ok.children[0]?.signals).toEqual(["SIGPIPE"]);
    expect(result.stages.map((s) => s.signal)).toEqual(["SIGPIPE", null]);

    const stubborn = fakeAdapter({
      links: true,
      ignore: ["SIGPIPE"],
      onSpawn: (child, index) => {
        if (index === 1) setTimeout(() => child.exit({ exitCode: 0, signal: null }), 5);
        else void child.exited;
      },
    });
    const running = runPipeline(stubborn.adapter, [["yes"], ["head"]]);
    await tick();
    await tick();
    // It ignored SIGPIPE, then failed its next write once core closed the pipe.
    expect(stubborn.children[0]?.signals).toEqual(["SIGPIPE"]);
    expect(stubborn.links[0]?.closed).toBe(true);
    stubborn.children[0]?.exit({ exitCode: 1, signal: null });
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalledProcessError);
    expect((error as CalledProcessError).exitCode).toBe(1);
  });

  it("on Windows the writer whose reader exited is ended (SIGTERM, reported as sent) and is no failure", async () => {
    const { adapter, children } = fakeAdapter({
      links: true,
      windows: true,
      onSpawn: (child, index) => index === 1 && setTimeout(() => child.exit({ exitCode: 0, signal: null }), 5),
    });
    const result = await runPipeline(adapter, [["producer.exe"], ["consumer.exe"]]);
    expect(children[0]?.signals).toEqual(["SIGTERM"]);
    expect(result.stages[0]?.signal).toBe("SIGTERM");
  });
});

describe("the pipeline's timeout", () => {
  it("holds until the last stage has exited, not the first", async () => {
    const { adapter, children } = fakeAdapter({
      links: true,
      onSpawn: (child, index) => index === 0 && setTimeout(() => child.exit({ exitCode: 0, signal: null }), 1),
    });
    const error = await runPipeline(adapter, [["printf"], ["sleep"]], { timeout: 40 }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("ProcessTimeoutError");
    expect(children[1]?.signals).toEqual(["SIGTERM"]);
  });
});

describe("runPipeline over an adapter that cannot link pipes", () => {
  it("copies each stage's stdout into the next stage's stdin, and closes it at the end", async () => {
    const { adapter, children } = fakeAdapter({
      onSpawn: (child, index) => {
        if (index === 0)
          setTimeout(() => {
            child.write("bytes ");
            child.write("in order");
            child.exit({ exitCode: 0, signal: null });
          }, 5);
      },
    });
    const running = runPipeline(adapter, [["a"], ["b"]]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(children[1]?.request.stdin).toBe("pipe");
    expect(children[1]?.stdinText()).toBe("bytes in order");
    children[1]?.exit({ exitCode: 0, signal: null });
    expect((await running).stages.map((s) => s.exitCode)).toEqual([0, 0]);
  });
});
