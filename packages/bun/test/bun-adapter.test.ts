/**
 * Bun-only behaviour of the adapter, beyond the shared conformance suite: the gaps of `Bun.spawn` it papers
 * over (startup env snapshot, 128+N exit values, silent stdin after exit), both ways it merges stderr
 * into stdout (a pipe2 pipe, and the `/bin/sh` fallback) and both pipes it joins pipeline stages with.
 */
import { describe, expect, it } from "bun:test";
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linuxOnlyPaths } from "@anyproc/channel";
import { bindAdapter, type SpawnedChild, type SpawnRequest, streamOf, text } from "@anyproc/core";
import { defaultMergeMethod, spawnChild } from "../src/adapter.ts";
import { adapter, openProcess, runProcess } from "../src/index.ts";

const INTERLEAVE = 'i=0; while [ $i -lt 200 ]; do echo "o$i"; echo "e$i" >&2; i=$((i + 1)); done';
const INTERLEAVED = Array.from({ length: 200 }, (_, i) => `o${i}\ne${i}\n`).join("");

/** The target of a symbolic link, or "" when it vanished meanwhile. */
function readlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "";
  }
}

/** A request with the defaults of openProcess for `argv`. */
function request(argv: string[], overrides: Partial<SpawnRequest> = {}): SpawnRequest {
  return {
    file: argv[0] as string,
    args: argv.slice(1),
    cwd: undefined,
    env: { inherit: true, set: {}, unset: [] },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
    detached: false,
    ...overrides,
  };
}

/** The rejection of `promise`; fails when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

/** Kills what is left of `child`, drains its streams and waits for it. */
async function reap(child: SpawnedChild): Promise<void> {
  child.kill("SIGKILL", false);
  await child.stdin?.abort().catch(() => {});
  const pipes = [child.stdout, child.stderr].flatMap((pipe) => (pipe ? [streamOf(pipe)] : []));
  await Promise.all([...pipes.map((pipe) => pipe.cancel().catch(() => {})), child.exited]);
}

/** Unhandled rejections seen while `body` runs (and a little after). */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const record = (reason: unknown) => void seen.push(reason);
  process.on("unhandledRejection", record);
  try {
    await body();
    await Bun.sleep(50);
  } finally {
    process.off("unhandledRejection", record);
  }
  return seen;
}

/** A scratch directory with `dir/`, a 0644 `noexec.sh` and an executable `bin/hello.sh`; removed by the caller. */
async function scratch(): Promise<string> {
  const root = (await runProcess(["mktemp", "-d", "/tmp/anyproc-bun.XXXXXX"])).stdout.trimEnd();
  await runProcess([
    "sh",
    "-c",
    'mkdir "$1/dir" "$1/bin" && printf "#!/bin/sh\\necho ran\\n" > "$1/noexec.sh" && chmod 644 "$1/noexec.sh" && ' +
      'printf "#!/bin/sh\\nprintf \\"hello:%%s\\" \\"\\$1\\"\\n" > "$1/bin/hello.sh" && chmod 755 "$1/bin/hello.sh"',
    "sh",
    root,
  ]);
  return root;
}

describe("bun adapter", () => {
  it("sees process.env edits made after start-up (Bun.spawn's default env is a startup snapshot)", async () => {
    const home = process.env.HOME;
    process.env.ANYPROC_BUN_LATE = "late value";
    try {
      const set = await runProcess(["sh", "-c", 'printf "%s" "$ANYPROC_BUN_LATE"']);
      expect(set.stdout).toBe("late value");
      delete process.env.HOME;
      const removed = await runProcess(["sh", "-c", 'printf "%s" "${HOME-unset}"']);
      expect(removed.stdout).toBe("unset");
    } finally {
      delete process.env.ANYPROC_BUN_LATE;
      if (home !== undefined) process.env.HOME = home;
    }
  });

  it("sees process.env edits also after spawns that left the env to Bun (a caller whose env is still the startup one)", async () => {
    // `bun test` adds NODE_ENV, so in here the adapter always passes the env; a fresh caller with its
    // initial environment untouched takes the path that leaves it to Bun.spawn's default.
    const script = `
      import { readFileSync } from "node:fs";
      import { runProcess } from ${JSON.stringify(new URL("../src/index.ts", import.meta.url).pathname)};
      const initial = readFileSync("/proc/self/environ", "utf8").split("\\0").filter(Boolean).length;
      const untouched = initial === Object.keys(process.env).length;
      const show = async () => (await runProcess(["sh", "-c", 'printf "%s|%s" "\${ANYPROC_LATE-unset}" "\${HOME-unset}"'])).stdout;
      const out = [await show()];
      process.env.ANYPROC_LATE = "one";
      out.push(await show());
      process.env.ANYPROC_LATE = "two";
      out.push(await show());
      delete process.env.ANYPROC_LATE;
      out.push(await show());
      delete process.env.HOME;
      out.push(await show());
      process.env.HOME = "/again";
      out.push(await show());
      console.log(JSON.stringify({ untouched, out }));
    `;
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/home/x" };
    const cwd = mkdtempSync(join(tmpdir(), "anyproc-env-")); // no .env file here
    try {
      const child = Bun.spawn([process.execPath, "-e", script], { cwd, env, stdio: ["ignore", "pipe", "inherit"] });
      const [printed, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
      expect(code).toBe(0);
      const { untouched, out } = JSON.parse(printed.trim().split("\n").pop() as string);
      expect(untouched).toBe(true);
      expect(out).toEqual(["unset|/home/x", "one|/home/x", "two|/home/x", "unset|/home/x", "unset|unset", "unset|/again"]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('uses an in-process pipe for stderr: "stdout" where Linux-only paths are taken, a named pipe on Windows', () => {
    expect(defaultMergeMethod()).toBe(process.platform === "win32" ? "named-pipe" : linuxOnlyPaths() ? "pipe" : "shell");
  });

  it('stderr: "stdout" gives fd 1 and fd 2 one pipe, keeps the order and leaks no descriptor', async () => {
    const result = await runProcess(INTERLEAVE, { stderr: "stdout" });
    expect(result.stdout).toBe(INTERLEAVED);
    expect(result.stderr).toBe("");
    const fds = await runProcess(["sh", "-c", "ls /proc/$$/fd; readlink /proc/$$/fd/1 /proc/$$/fd/2"], { stderr: "stdout" });
    const [zero, one, two, link1, link2] = fds.stdout.trimEnd().split("\n");
    expect([zero, one, two]).toEqual(["0", "1", "2"]);
    expect(link1).toMatch(/^pipe:\[\d+\]$/);
    expect(link2).toBe(link1);
  });

  it("joins pipeline stages with a pipe: pipe2 where Linux-only paths are taken, else one made through a FIFO", async () => {
    expect(adapter.links).toBe(process.platform !== "win32");
    const script = "ls /proc/$$/fd; readlink /proc/$$/fd/1; head -c 100000 /dev/zero";
    const result = await bindAdapter(adapter).runPipeline([
      ["sh", "-c", script],
      ["sh", "-c", "cat; readlink /proc/$$/fd/0"],
    ]);
    const lines = result.stdout.replace(/\0+/, "").trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual(["0", "1", "2"]);
    const [written, read] = [lines[3], lines[4]];
    if (linuxOnlyPaths()) expect(written).toMatch(/^pipe:\[\d+\]$/);
    else expect(written).toMatch(/\/anyproc-\d+-[^/]+\/f[0-9a-z]+ \(deleted\)$/);
    expect(read).toBe(written);
    expect(result.stdout.length).toBeGreaterThan(100_000);
  });

  it('stderr: "stdout" closes the parent\'s end of the pipe at EOF, on cancel and on dispose', async () => {
    // Bun's own pipes are socket pairs, so every `pipe:` descriptor this process opens here is one of ours
    // (the others are the test runner's).
    const pipes = () =>
      readdirSync("/proc/self/fd")
        .map((fd) => `${fd} ${readlink(`/proc/self/fd/${fd}`)}`)
        .filter((entry) => entry.includes(" pipe:"))
        .sort();
    await runProcess("true", { stderr: "stdout" });
    const before = pipes();
    for (let i = 0; i < 20; i++) await runProcess("echo out; echo err >&2", { stderr: "stdout" });
    const held = await runProcess("sleep 30 & echo $!", { stderr: "stdout" });
    process.kill(Number(held.stdout.trim()), "SIGKILL");
    for (let i = 0; i < 5; i++) {
      const proc = await openProcess(["yes"], { stderr: "stdout" });
      await proc[Symbol.asyncDispose]();
    }
    // A cancelled read end is closed once Bun's stream reader lets go of it, a few ticks later: allow 2 s.
    // Only pipes that were not open before are ours: one of the runner's may close meanwhile (seen in CI).
    const opened = () => pipes().filter((entry) => !before.includes(entry));
    for (let waited = 0; waited < 2000 && opened().length > 0; waited += 20) await Bun.sleep(20);
    expect(opened()).toEqual([]);
  });

  it('stderr: "stdout" with stdout "inherit" sends both to the host\'s stdout', async () => {
    const script = `import { runProcess } from ${JSON.stringify(new URL("../src/index.ts", import.meta.url).pathname)};
await runProcess("echo out; echo err >&2", { stdout: "inherit", stderr: "stdout" });`;
    const host = await runProcess([process.execPath, "-e", script]);
    expect(host.stdout).toBe("out\nerr\n");
    expect(host.stderr).toBe("");
  });

  describe('the /bin/sh fallback for stderr: "stdout"', () => {
    const shell = bindAdapter({ ...adapter, spawn: (r) => spawnChild(r, "shell") });

    it("keeps the order, and the command keeps its own pid, argv and exit status", async () => {
      const result = await shell.runProcess(INTERLEAVE, { stderr: "stdout" });
      expect(result.stdout).toBe(INTERLEAVED);
      expect(result.stderr).toBe("");
      const proc = await shell.openProcess(["sh", "-c", 'echo "$$"; printf "<%s>" "$@"; exit 127', "sh", "-n", "a b", ""], {
        stderr: "stdout",
        stdin: "ignore",
      });
      try {
        expect(await text(proc.stdout!)).toBe(`${proc.pid}\n<-n><a b><>`);
        expect(await proc.wait()).toEqual({ exitCode: 127, signal: null });
      } finally {
        await proc[Symbol.asyncDispose]();
      }
    });

    it("rejects a command that cannot run with ENOENT or EACCES, as a direct spawn does", async () => {
      const root = await scratch();
      try {
        const cases: [string[], string][] = [
          [["anyproc-no-such-command"], "ENOENT"],
          [["/nonexistent-anyproc/x"], "ENOENT"],
          [["./anyproc-no-such.sh"], "ENOENT"],
          [[`${root}/dir`], "EACCES"],
          [[`${root}/noexec.sh`], "EACCES"],
        ];
        for (const [argv, code] of cases) {
          const error = await rejection(shell.runProcess(argv, { stderr: "stdout" }));
          expect((error as { code?: string }).code).toBe(code);
          expect((error as Error).message).toContain(argv[0]!);
        }
        const cwd = `${root}/missing`;
        const noCwd = await rejection(shell.runProcess(["true"], { stderr: "stdout", cwd }));
        expect((noCwd as { code?: string }).code).toBe("ENOENT");
        expect((noCwd as Error).message).toContain(cwd);
      } finally {
        await runProcess(["rm", "-rf", root]);
      }
    });

    it("resolves a relative path against cwd and a bare name on the child's PATH", async () => {
      const root = await scratch();
      try {
        const relative = await shell.runProcess(["./bin/hello.sh", "rel"], { stderr: "stdout", cwd: root });
        expect(relative.stdout).toBe("hello:rel");
        const onPath = await shell.runProcess(["hello.sh", "path"], { stderr: "stdout", env: { PATH: `${root}/bin:/usr/bin:/bin` } });
        expect(onPath.stdout).toBe("hello:path");
        const notOnPath = await rejection(shell.runProcess(["hello.sh"], { stderr: "stdout" }));
        expect((notOnPath as { code?: string }).code).toBe("ENOENT");
        // Without PATH in the child's environment, the name is found on the caller's PATH, as Bun.spawn does.
        const noPath = await shell.runProcess(["printf", "%s", "no-path"], { stderr: "stdout", env: {}, extendEnv: false });
        expect(noPath.stdout).toBe("no-path");
        // A name starting with "-" is not taken for an option of the shell's `exec`.
        await runProcess(["cp", `${root}/bin/hello.sh`, `${root}/bin/-dash.sh`]);
        const dash = await shell.runProcess(["-dash.sh", "d"], { stderr: "stdout", env: { PATH: `${root}/bin` } });
        expect(dash.stdout).toBe("hello:d");
      } finally {
        await runProcess(["rm", "-rf", root]);
      }
    });
  });

  describe("spawn, exit and kill", () => {
    it("a spawn failure is a rejection with the errno name as code, never a synchronous throw", async () => {
      let promise: Promise<SpawnedChild> | undefined;
      expect(() => {
        promise = adapter.spawn(request(["anyproc-no-such-command"]));
      }).not.toThrow();
      const error = await rejection(promise!);
      expect((error as { code?: string }).code).toBe("ENOENT");
      const dir = await rejection(adapter.spawn(request(["/tmp"])));
      expect((dir as { code?: string }).code).toBe("EACCES");
    });

    it("exited reports a signal death by name and exit 137 as a code, never 128+N", async () => {
      const killed = await adapter.spawn(request(["sh", "-c", "kill -9 $$"], { stdin: "ignore" }));
      expect(await killed.exited).toEqual({ exitCode: null, signal: "SIGKILL" });
      const plain = await adapter.spawn(request(["sh", "-c", "exit 137"], { stdin: "ignore" }));
      expect(await plain.exited).toEqual({ exitCode: 137, signal: null });
      await Promise.all([reap(killed), reap(plain)]);
    });

    it("kill returns true while the child runs and false once it has exited, never throwing", async () => {
      const child = await adapter.spawn(request(["sleep", "30"], { stdin: "ignore", detached: true }));
      expect(child.kill("SIGTERM", false)).toBe(true);
      expect(await child.exited).toEqual({ exitCode: null, signal: "SIGTERM" });
      expect(child.kill("SIGTERM", false)).toBe(false);
      expect(child.kill("SIGKILL", true)).toBe(false);
      await reap(child);
    });
  });

  describe("stdin over FileSink", () => {
    it("a write after the child exited rejects with EPIPE instead of being dropped", async () => {
      const seen = await unhandledDuring(async () => {
        const child = await adapter.spawn(request(["true"], { stdout: "ignore", stderr: "ignore" }));
        await child.exited;
        const writer = child.stdin!.getWriter();
        const error = await rejection(writer.write(new TextEncoder().encode("too late")));
        expect((error as { code?: string }).code).toBe("EPIPE");
        await writer.close().catch(() => {});
        await reap(child);
      });
      expect(seen).toEqual([]);
    });

    it("a write to a live child that closed its stdin rejects with EPIPE", async () => {
      const seen = await unhandledDuring(async () => {
        const child = await adapter.spawn(request(["sh", "-c", "exec 0<&-; echo closed; exec sleep 30"], { stderr: "ignore" }));
        const reader = streamOf(child.stdout!).getReader();
        expect(new TextDecoder().decode((await reader.read()).value)).toBe("closed\n");
        reader.releaseLock();
        const writer = child.stdin!.getWriter();
        const small = await rejection(writer.write(new Uint8Array(16)));
        expect((small as { code?: string }).code).toBe("EPIPE");
        await reap(child);
      });
      expect(seen).toEqual([]);
    });

    it("a write resolves only once the child has taken the data (backpressure)", async () => {
      const child = await adapter.spawn(request(["sh", "-c", "sleep 0.3; wc -c"], { stderr: "ignore" }));
      const writer = child.stdin!.getWriter();
      const began = performance.now();
      await writer.write(new Uint8Array(8 * 1024 * 1024));
      expect(performance.now() - began).toBeGreaterThan(200);
      await writer.close();
      expect((await text(streamOf(child.stdout!))).trim()).toBe(String(8 * 1024 * 1024));
      expect(await child.exited).toEqual({ exitCode: 0, signal: null });
    });
  });
});
