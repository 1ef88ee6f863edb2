// What only the Deno adapter has to get right: permissions, the /bin/sh merge behind stderr: "stdout",
// the FIFOs between pipeline stages, Deno's environment merging, and the raw adapter contract (rejections,
// kill after exit, broken stdin).
import { PORTABLE_VARIABLE } from "@anyproc/channel";
import { ProcessError, SpawnError, type SpawnRequest, streamOf, text } from "@anyproc/core";
import { describe, expect, it } from "vitest";
import { adapter, openProcess, runPipeline, runProcess } from "../src/index.ts";

const PACKAGE_DIR = decodeURIComponent(new URL("..", import.meta.url).pathname);
const ENTRY = `${PACKAGE_DIR}src/index.ts`;
const denoEnv = (globalThis as unknown as { Deno: { env: { set(k: string, v: string): void; delete(k: string): void } } }).Deno.env;

/** What a child's stdout is, as Linux names it: `pipe:[…]` for a pipe, the path for a FIFO opened by name. */
const STDOUT_IS = ["/bin/sh", "-c", "readlink /proc/self/fd/1"];
/** Cases that read `/proc/self/fd`, which only Linux has. */
const linuxIt = (globalThis as unknown as { Deno: { build: { os: string } } }).Deno.build.os === "linux" ? it : it.skip;

/** A raw request with every field explicit, for calling `adapter.spawn` directly. */
function request(file: string, args: string[], overrides: Partial<SpawnRequest> = {}): SpawnRequest {
  return {
    file,
    args,
    cwd: undefined,
    env: { inherit: true, set: {}, unset: [] },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    detached: false,
    ...overrides,
  };
}

/**
 * Runs `body` (JavaScript with `runProcess`/`openProcess` in scope) in a fresh Deno that has only the
 * permissions in `flags`; each `report(value)` in it becomes one element of the result.
 */
async function inRestrictedDeno(flags: string[], body: string, env: Record<string, string> = {}): Promise<unknown[]> {
  const program = `import { runProcess, openProcess, runPipeline, toProcess } from ${JSON.stringify(ENTRY)};
const report = (value) => console.log(JSON.stringify(value));
const outcome = (promise) => promise.then(
  (value) => ({ ok: true, stdout: value.stdout ?? null }),
  (error) => ({ ok: false, name: error.name, code: error.code, message: error.message }),
);
${body}`;
  const { stdout } = await runProcess([adapter.execPath, "run", "--no-prompt", ...flags, "-"], {
    input: program,
    cwd: PACKAGE_DIR,
    env,
    timeout: 20_000,
  });
  return stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}

const WORK = new URL("../../conformance/fixtures/work.mjs", import.meta.url).href;

/** A scratch directory with `bin/tool` (0755, prints "tool"), `bin/plain` (0644) and `bin/dir/`. */
async function scratch(): Promise<string> {
  const root = (await runProcess(["mktemp", "-d", "/tmp/anyproc-deno.XXXXXX"])).stdout.trimEnd();
  await runProcess([
    "/bin/sh",
    "-c",
    'mkdir -p "$1/bin/dir" && printf "#!/bin/sh\\necho tool \\"\\$@\\"\\n" > "$1/bin/tool" && chmod 755 "$1/bin/tool" && cp "$1/bin/tool" "$1/bin/plain" && chmod 644 "$1/bin/plain"',
    "sh",
    root,
  ]);
  return root;
}

/** The spawn error code of `command`, or `exit <n>: <stdout>` when it ran. */
async function outcome(command: string[], options: Parameters<typeof runProcess>[1]): Promise<string> {
  try {
    const result = await runProcess(command, { ...options, check: false });
    return `exit ${result.exitCode}: ${result.stdout}`;
  } catch (error) {
    expect(error).toBeInstanceOf(SpawnError);
    return (error as SpawnError).code;
  }
}

describe("deno adapter", () => {
  describe("permissions", () => {
    it("without --allow-run a spawn rejects with SpawnError ENOTCAPABLE naming the command and --allow-run", async () => {
      const results = await inRestrictedDeno(
        [],
        `report(await outcome(runProcess(["true"])));
report(await outcome(openProcess(["echo", "hi"])));`,
      );
      expect(results).toHaveLength(2);
      for (const [result, command] of [
        [results[0], "true"],
        [results[1], "echo"],
      ] as const) {
        expect(result).toMatchObject({ ok: false, name: "SpawnError", code: "ENOTCAPABLE" });
        const message = (result as { message: string }).message;
        expect(message).toContain(`"${command}"`);
        expect(message).toContain("--allow-run");
      }
    });

    it('--allow-run for the command alone runs it, and stderr: "stdout" asks for /bin/sh too', async () => {
      const [plain, merged] = await inRestrictedDeno(
        ["--allow-run=echo"],
        `report(await outcome(runProcess(["echo", "hi"])));
report(await outcome(runProcess(["echo", "hi"], { stderr: "stdout" })));`,
      );
      expect(plain).toEqual({ ok: true, stdout: "hi\n" });
      expect(merged).toMatchObject({ ok: false, name: "SpawnError", code: "ENOTCAPABLE" });
      expect((merged as { message: string }).message).toContain("/bin/sh");
      expect((merged as { message: string }).message).toContain("--allow-run");
    });

    it("adding variables needs no env permission; removing one needs --allow-env and says so", async () => {
      const [added, removed] = await inRestrictedDeno(
        ["--allow-run"],
        `report(await outcome(runProcess(["/bin/sh", "-c", "echo $ANYPROC_ADDED"], { env: { ANYPROC_ADDED: "yes" } })));
report(await outcome(runProcess(["true"], { env: { HOME: undefined } })));`,
      );
      expect(added).toEqual({ ok: true, stdout: "yes\n" });
      expect(removed).toMatchObject({ ok: false, name: "SpawnError", code: "ENOTCAPABLE" });
      expect((removed as { message: string }).message).toContain("--allow-env");
      expect((removed as { message: string }).message).toContain('"HOME"');
      const [granted] = await inRestrictedDeno(
        ["--allow-run", "--allow-env"],
        `report(await outcome(runProcess(["/bin/sh", "-c", "echo \${HOME-unset}"], { env: { HOME: undefined } })));`,
      );
      expect(granted).toEqual({ ok: true, stdout: "unset\n" });
    });

    it("importing the adapter needs no permission; toProcess needs run, read (of the module) and net (its channel)", async () => {
      const [imported] = await inRestrictedDeno([], `report("imported");`);
      expect(imported).toBe("imported");
      const [called] = await inRestrictedDeno(
        ["--allow-run", "--allow-read", "--allow-net"],
        `const pool = toProcess.pool({ maxWorkers: 1 });
try {
  report(await pool.run(${JSON.stringify(WORK)}, "add", [2, 3]));
} finally {
  await pool.close();
}`,
      );
      expect(called).toBe(5);
    });

    it("on the portable path (macOS) toProcess also needs write access, for its socket file, and says so", async () => {
      const call = `const pool = toProcess.pool({ maxWorkers: 1 });
try {
  report(await pool.run(${JSON.stringify(WORK)}, "add", [2, 3]));
} catch (error) {
  report({ name: error.name, message: error.message });
} finally {
  await pool.close();
}`;
      const portable = { [PORTABLE_VARIABLE]: "1" };
      const flags = ["--allow-run", "--allow-read", "--allow-net", `--allow-env=${PORTABLE_VARIABLE}`];
      const [refused] = await inRestrictedDeno(flags, call, portable);
      expect(refused).toMatchObject({ name: "ProcessError" });
      expect((refused as { message: string }).message).toContain("--allow-write");
      const [called] = await inRestrictedDeno([...flags, "--allow-write"], call, portable);
      expect(called).toBe(5);
    });
  });

  describe('stderr: "stdout"', () => {
    it("keeps strictly alternating lines from stdout and stderr", async () => {
      const result = await runProcess(["/bin/sh", "-c", "for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done"], {
        stderr: "stdout",
      });
      expect(result.stdout).toBe("out1\nerr1\nout2\nerr2\nout3\nerr3\nout4\nerr4\nout5\nerr5\n");
      expect(result.stderr).toBe("");
    });

    it("runs the command itself: its own pid, exit code and signal, no shell left in between", async () => {
      const proc = await openProcess(["sleep", "30"], { stdin: "ignore", stderr: "stdout" });
      try {
        const comm = await runProcess(["cat", `/proc/${proc.pid}/comm`]);
        expect(comm.stdout).toBe("sleep\n");
        expect(proc.kill()).toBe(true);
        expect(await proc.wait()).toEqual({ exitCode: null, signal: "SIGKILL" });
      } finally {
        await proc[Symbol.asyncDispose]();
      }
      const exit = await runProcess(["/bin/sh", "-c", "echo before; exit 3"], { stderr: "stdout", check: false });
      expect(exit).toMatchObject({ exitCode: 3, signal: null, stdout: "before\n" });
      const argv = await runProcess(["printf", "[%s]", "a b", "", "-n", "$HOME", "*"], { stderr: "stdout" });
      expect(argv.stdout).toBe("[a b][][-n][$HOME][*]");
    });

    it("starts or refuses exactly what a direct spawn starts or refuses", async () => {
      const root = await scratch();
      try {
        const cases: [string[], Parameters<typeof runProcess>[1]][] = [
          [["anyproc-no-such-command"], {}],
          [["tool", "x"], {}],
          [["tool", "x"], { env: { PATH: `/nonexistent:${root}/bin` } }],
          [["plain"], { env: { PATH: `${root}/bin` } }],
          [["dir"], { env: { PATH: `${root}/bin` } }],
          [["./bin/tool", "y"], { cwd: root }],
          [["bin/tool"], { cwd: `${root}/bin` }],
          [[`${root}/bin/plain`], {}],
          [[`${root}/bin/dir`], {}],
          [[`${root}/bin/missing`], {}],
          [["tool"], { cwd: `${root}/missing` }],
          [["echo", "no PATH"], { extendEnv: false, env: {} }],
          [["echo", "PATH removed"], { env: { PATH: undefined } }],
        ];
        for (const [command, options] of cases) {
          const direct = await outcome(command, options);
          const merged = await outcome(command, { ...options, stderr: "stdout" });
          expect({ command, options, merged }).toEqual({ command, options, merged: direct });
        }
        expect(await outcome(["tool", "x"], { env: { PATH: `${root}/bin` }, stderr: "stdout" })).toBe("exit 0: tool x\n");
        expect(await outcome(["plain"], { env: { PATH: `${root}/bin` }, stderr: "stdout" })).toBe("ENOENT");
        expect(await outcome([`${root}/bin/plain`], { stderr: "stdout" })).toBe("EACCES");
        expect(await outcome([`${root}/bin/dir`], { stderr: "stdout" })).toBe("EACCES");
        // A relative PATH entry is taken relative to the child's cwd, as execvp does. (Deno's own lookup
        // resolves it against the parent's cwd and then executes the result from the child's.)
        expect(await outcome(["tool", "x"], { env: { PATH: "bin" }, cwd: root, stderr: "stdout" })).toBe("exit 0: tool x\n");
      } finally {
        await runProcess(["rm", "-rf", root]);
      }
    });

    it('with stdout "inherit" sends both streams to the parent\'s stdout', async () => {
      const outer = await runProcess([adapter.execPath, "run", "--no-prompt", "--allow-run", "-"], {
        input: `import { runProcess } from ${JSON.stringify(ENTRY)};
await runProcess(["/bin/sh", "-c", "echo out; echo err >&2"], { stdout: "inherit", stderr: "stdout" });`,
        cwd: PACKAGE_DIR,
        timeout: 20_000,
      });
      expect(outer.stdout).toBe("out\nerr\n");
      expect(outer.stderr).toBe("");
    });
  });

  describe("pipeline links", () => {
    linuxIt("stages are joined by a FIFO in the private folder, which is gone once the pipeline ends", async () => {
      const result = await runPipeline([STDOUT_IS, ["cat"]]);
      const fifo = result.stdout.trim().replace(/ \(deleted\)$/, "");
      expect(fifo).toMatch(/\/anyproc-\d+-[^/]+\/f[0-9a-z]+\/p$/);
      expect(await adapter.pathKind(fifo)).toBe("missing");
    });

    linuxIt("without write access to the temporary folder core copies between the stages instead", async () => {
      const [copied] = await inRestrictedDeno(
        ["--allow-run", "--allow-read"],
        `report(await outcome(runPipeline([${JSON.stringify(STDOUT_IS)}, ["cat"]])));`,
      );
      expect(copied).toMatchObject({ ok: true });
      expect((copied as { stdout: string }).stdout).toMatch(/^pipe:\[\d+\]\n$/);
    });

    it("a writer killed while it waits for its reader leaves the reader its end of input", async () => {
      for (let round = 0; round < 5; round++) {
        const writer = await adapter.spawn(request("sleep", ["20"], { stdout: "pipe", stdoutLink: true }));
        const link = writer.link;
        if (!link) throw new Error("the Deno adapter gave no link");
        const reader = await adapter.spawn(request("wc", ["-c"], { stdinLink: link, stderr: "ignore" }));
        expect(writer.kill("SIGKILL", false)).toBe(true);
        expect(await writer.exited).toEqual({ exitCode: null, signal: "SIGKILL" });
        link.close();
        const [count, status] = await Promise.all([text(reader.stdout as ReadableStream<Uint8Array>), reader.exited]);
        expect(count.trim()).toBe("0");
        expect(status).toEqual({ exitCode: 0, signal: null });
      }
    });

    it("a link of another adapter, or one already closed, is a TypeError and nothing is spawned", async () => {
      const writer = await adapter.spawn(request("sleep", ["20"], { stdoutLink: true }));
      writer.link?.close();
      await expect(adapter.spawn(request("cat", [], { stdinLink: writer.link }))).rejects.toThrow(/not an open link of the Deno adapter/);
      await expect(adapter.spawn(request("cat", [], { stdinLink: { close() {} } }))).rejects.toThrow(TypeError);
      writer.kill("SIGKILL", false);
      await writer.exited;
    });
  });

  describe("environment", () => {
    it("a variable set to undefined is removed, and later edits of Deno.env are seen", async () => {
      const script = 'printf "%s|%s" "${ANYPROC_DENO_VAR-unset}" "${PATH:+has-path}"';
      denoEnv.set("ANYPROC_DENO_VAR", "first");
      try {
        expect((await runProcess(["/bin/sh", "-c", script])).stdout).toBe("first|has-path");
        denoEnv.set("ANYPROC_DENO_VAR", "second");
        expect((await runProcess(["/bin/sh", "-c", script], { env: { OTHER: "1" } })).stdout).toBe("second|has-path");
        const removed = await runProcess(["/bin/sh", "-c", script], { env: { ANYPROC_DENO_VAR: undefined } });
        expect(removed.stdout).toBe("unset|has-path");
        const merged = await runProcess(["/bin/sh", "-c", script], { env: { ANYPROC_DENO_VAR: undefined }, stderr: "stdout" });
        expect(merged.stdout).toBe("unset|has-path");
      } finally {
        denoEnv.delete("ANYPROC_DENO_VAR");
      }
      const only = await runProcess(["/usr/bin/env"], { extendEnv: false, env: { ONLY: "this" } });
      expect(only.stdout).toBe("ONLY=this\n");
    });
  });

  describe("adapter contract", () => {
    it("runtime and execPath name the running Deno", async () => {
      expect(adapter.runtime).toBe("deno");
      const version = await runProcess([adapter.execPath, "--version"]);
      expect(version.stdout).toMatch(/^deno \d+\.\d+\.\d+/);
    });

    it("spawn never throws synchronously: failures are rejections with an errno code", async () => {
      const cases: [SpawnRequest, string][] = [
        [request("anyproc-no-such-command", []), "ENOENT"],
        [request("anyproc-no-such-command", [], { stderr: "stdout" }), "ENOENT"],
        [request("/", []), "EACCES"],
        [request("/", [], { stderr: "stdout" }), "EACCES"],
        [request("true", [], { cwd: "/nonexistent-anyproc-cwd" }), "ENOENT"],
        [request("true", [], { cwd: "/nonexistent-anyproc-cwd", stderr: "stdout" }), "ENOENT"],
      ];
      for (const [req, code] of cases) {
        let pending: Promise<unknown> | undefined;
        expect(() => (pending = adapter.spawn(req))).not.toThrow();
        const error = await pending!.then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(Error);
        expect((error as { code: unknown }).code).toBe(code);
      }
    });

    it("exited normalises the status and kill() reports false once the child is gone", async () => {
      const child = await adapter.spawn(request("/bin/sh", ["-c", "exit 137"], { stdout: "ignore", stderr: "ignore" }));
      expect(await child.exited).toEqual({ exitCode: 137, signal: null });
      expect(child.kill("SIGTERM", false)).toBe(false);
      expect(child.kill("SIGKILL", false)).toBe(false);
      const sleeper = await adapter.spawn(request("sleep", ["30"], { stdout: "ignore", stderr: "ignore", detached: true }));
      expect(sleeper.stdin).toBeNull();
      expect(sleeper.stdout).toBeNull();
      expect(sleeper.stderr).toBeNull();
      expect(sleeper.kill("SIGUSR1" as never, true)).toBe(true);
      expect(await sleeper.exited).toEqual({ exitCode: null, signal: "SIGUSR1" });
      expect(sleeper.kill("SIGKILL", true)).toBe(false);
      expect(sleeper.kill("SIGKILL", false)).toBe(false);
    });

    it("a write to the stdin of an exited child rejects (EPIPE) and leaves no unhandled rejection", async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (event: Event) => {
        unhandled.push((event as PromiseRejectionEvent).reason);
        event.preventDefault();
      };
      globalThis.addEventListener("unhandledrejection", onUnhandled);
      try {
        const child = await adapter.spawn(request("true", [], { stdin: "pipe", stdout: "ignore", stderr: "ignore" }));
        expect(await child.exited).toEqual({ exitCode: 0, signal: null });
        const writer = child.stdin!.getWriter();
        const error = await writer.write(new Uint8Array(1024)).then(
          () => null,
          (e: unknown) => e,
        );
        expect((error as { code?: unknown }).code).toBe("EPIPE");
        await writer.close().catch(() => {});
        const reader = await adapter.spawn(request("head", ["-c", "2"], { stdin: "pipe" }));
        const sink = reader.stdin!.getWriter();
        const [write, out] = await Promise.all([
          sink.write(new Uint8Array(8 * 1024 * 1024).fill(65)).then(
            () => null,
            (e: unknown) => e,
          ),
          text(streamOf(reader.stdout!)),
          text(streamOf(reader.stderr!)),
        ]);
        expect((write as { code?: unknown }).code).toBe("EPIPE");
        expect(out).toBe("AA");
        expect(await reader.exited).toEqual({ exitCode: 0, signal: null });
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        globalThis.removeEventListener("unhandledrejection", onUnhandled);
      }
      expect(unhandled).toEqual([]);
    });

    it("closing stdin gives the child EOF", async () => {
      const child = await adapter.spawn(request("/bin/sh", ["-c", 'wc -c; echo "eof"'], { stdin: "pipe" }));
      const writer = child.stdin!.getWriter();
      await writer.write(new TextEncoder().encode("12345"));
      await writer.close();
      const [out, status] = await Promise.all([text(streamOf(child.stdout!)), child.exited, text(streamOf(child.stderr!))]);
      expect(out.trim().split(/\s+/)).toEqual(["5", "eof"]);
      expect(status).toEqual({ exitCode: 0, signal: null });
    });

    it("pathKind tells a directory, a file, a path through a file and nothing apart", async () => {
      expect(await adapter.pathKind(PACKAGE_DIR)).toBe("directory");
      expect(await adapter.pathKind(ENTRY)).toBe("not-directory");
      expect(await adapter.pathKind(`${ENTRY}/below`)).toBe("not-directory");
      expect(await adapter.pathKind("/nonexistent-anyproc-dir")).toBe("missing");
    });

    it("a SpawnError from the merge path is a ProcessError like any other", async () => {
      const error = await runProcess(["anyproc-no-such-command"], { stderr: "stdout" }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SpawnError);
      expect(error).toBeInstanceOf(ProcessError);
      expect((error as SpawnError).message).toContain("anyproc-no-such-command");
      expect((error as SpawnError).message).toContain("command not found on PATH");
    });
  });
});
