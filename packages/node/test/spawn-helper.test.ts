// What the spawn helper adds to the direct adapter's behaviour: its lifetime against the caller's, its
// death, close(), and env/cwd resolved at each spawn in the caller. The conformance suite runs through it in
// the test-matrix lane "node-helper" (vitest.helper.config.ts). Times below are hang guards, not measurements.
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { SpawnError } from "@anyproc/core";
import { describe, expect, it } from "vitest";
import { openProcess, runProcess, toProcess } from "../src/index.js";
import { type SpawnHelper, startSpawnHelper } from "../src/spawn-helper.js";

const CALLER = new URL("./fixtures/helper-caller.mjs", import.meta.url).pathname;
const PARENT_PID = new URL("./fixtures/parent-pid.mjs", import.meta.url);

/** The pid of the process that started the worker of a fresh pool of the plain `toProcess`. */
async function workerParent(): Promise<number> {
  const pool = toProcess.pool({ maxWorkers: 1 });
  try {
    return await pool.run<number>(PARENT_PID, "parentPid");
  } finally {
    await pool.close();
  }
}

/** True while `pid` is a live, non-zombie process (through `ps`, which works without procfs too). */
function alive(pid: number): boolean {
  try {
    const state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return state !== "" && !/^[ZX]/.test(state);
  } catch {
    return false;
  }
}

/** The pid of the helper now running; fails the test if there is none. */
function helperPid(helper: SpawnHelper): number {
  if (helper.pid === undefined) throw new Error("no spawn helper is running");
  return helper.pid;
}

async function eventually(predicate: () => boolean, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (predicate()) return true;
  return predicate();
}

describe("spawn helper", () => {
  it("an idle caller with a started helper exits at once, and the helper exits with it", async () => {
    const { stdout } = await runProcess([process.execPath, CALLER, "idle"], { timeout: 10_000 });
    const pid = Number(/helper (\d+)/.exec(stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(await eventually(() => !alive(pid))).toBe(true);
  });

  it("a running child keeps the caller alive until it exits", async () => {
    const { stdout } = await runProcess([process.execPath, CALLER, "child"], { timeout: 10_000 });
    expect(Number(/exit (\d+)/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(300);
  });

  it("a caller killed with SIGKILL leaves no helper behind; its child is orphaned, as without the helper", async () => {
    const caller = await openProcess([process.execPath, CALLER, "hang"], { stdin: "ignore", stderr: "ignore", timeout: 10_000 });
    if (!caller.stdout) throw new Error("stdout is piped");
    const reader = caller.stdout.getReader();
    let text = "";
    while (!/child \d+/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    reader.releaseLock();
    const helper = Number(/helper (\d+)/.exec(text)?.[1]);
    const child = Number(/child (\d+)/.exec(text)?.[1]);
    caller.kill();
    await caller.wait();
    try {
      expect(await eventually(() => !alive(helper))).toBe(true);
      expect(alive(child)).toBe(true);
    } finally {
      process.kill(child, "SIGKILL");
    }
  });

  it("a Ctrl-C (SIGINT to the caller's process group) leaves the helper serving the caller's SIGINT handler", async () => {
    const caller = await openProcess([process.execPath, CALLER, "sigint"], {
      stdin: "ignore",
      stderr: "ignore",
      detached: true,
      timeout: 10_000,
    });
    if (!caller.stdout) throw new Error("stdout is piped");
    const reader = caller.stdout.getReader();
    let text = "";
    while (!text.includes("ready")) text += new TextDecoder().decode((await reader.read()).value);
    process.kill(-caller.pid, "SIGINT");
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    expect(await caller.wait()).toEqual({ exitCode: 0, signal: null });
    const before = /ready (\d+)/.exec(text)?.[1];
    expect(text).toContain(`after-sigint ${before}\n`); // the same helper, not a restarted one
  });

  it("env and cwd are resolved in the caller at each spawn: later process.env edits and chdir() are honoured", async () => {
    const helper = startSpawnHelper();
    const cwd = process.cwd();
    try {
      process.env.ANYPROC_HELPER_TEST = "late";
      process.chdir(tmpdir());
      const { stdout } = await helper.runProcess('echo "$ANYPROC_HELPER_TEST"; pwd', { env: { EXTRA: "x" } });
      expect(stdout).toBe(`late\n${realpathSync(tmpdir())}\n`);
      const relative = await helper.runProcess(["pwd"], { cwd: "." });
      expect(relative.stdout).toBe(`${realpathSync(tmpdir())}\n`);
    } finally {
      process.chdir(cwd);
      delete process.env.ANYPROC_HELPER_TEST;
      await helper.close();
    }
  });

  it("a helper killed while a child runs: the child is killed and reported SIGKILL, and the next spawn starts a new helper", async () => {
    const helper = startSpawnHelper();
    try {
      const child = await helper.openProcess(["sleep", "30"], { stdin: "ignore", stdout: "ignore", stderr: "ignore" });
      const first = helperPid(helper);
      process.kill(first, "SIGKILL");
      expect(await child.wait()).toEqual({ exitCode: null, signal: "SIGKILL" });
      expect(await eventually(() => !alive(child.pid))).toBe(true);
      expect((await helper.runProcess(["echo", "again"])).stdout).toBe("again\n");
      expect(helper.pid).not.toBe(first);
    } finally {
      await helper.close();
    }
  });

  it("with restart: false, spawns after the helper died reject with SpawnError ESPAWNHELPER", async () => {
    const helper = startSpawnHelper({ restart: false });
    try {
      await helper.runProcess(["true"]);
      const pid = helperPid(helper);
      process.kill(pid, "SIGKILL");
      await eventually(() => helper.pid === undefined);
      const error = await helper.runProcess(["true"]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpawnError);
      expect(error).toMatchObject({ code: "ESPAWNHELPER" });
      expect((error as Error).message).toMatch(/spawn helper \(pid \d+\) was killed with SIGKILL/);
    } finally {
      await helper.close();
    }
  });

  it("a spawn in flight when the helper dies rejects with SpawnError ESPAWNHELPER", async () => {
    const helper = startSpawnHelper({ restart: false });
    try {
      await helper.runProcess(["true"]);
      const pid = helperPid(helper);
      process.kill(pid, "SIGSTOP");
      const pending = helper.runProcess(["true"]).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 50));
      process.kill(pid, "SIGKILL");
      expect(await pending).toMatchObject({ name: "SpawnError", code: "ESPAWNHELPER" });
    } finally {
      await helper.close();
    }
  });

  it("close() kills children still running, ends the helper, and later spawns reject; a second close() is a no-op", async () => {
    const helper = startSpawnHelper();
    const child = await helper.openProcess(["sleep", "30"], { stdin: "ignore", stdout: "ignore", stderr: "ignore" });
    const pid = helperPid(helper);
    await helper.close();
    expect(await child.wait()).toEqual({ exitCode: null, signal: "SIGKILL" });
    expect(await eventually(() => !alive(pid))).toBe(true);
    expect(helper.pid).toBeUndefined();
    await expect(helper.runProcess(["true"])).rejects.toMatchObject({ name: "SpawnError", code: "ESPAWNHELPER" });
    await helper.close();
  });

  it("while a helper serves, the plain toProcess starts its workers through it, and from the caller again after close()", async () => {
    expect(await workerParent()).toBe(process.pid);
    const helper = startSpawnHelper();
    try {
      await helper.runProcess(["true"]);
      expect(await workerParent()).toBe(helperPid(helper));
      // A worker that dies is replaced through the helper too.
      const pool = toProcess.pool({ maxWorkers: 1 });
      try {
        expect(await pool.run(PARENT_PID, "parentPid")).toBe(helperPid(helper));
        await expect(pool.run(PARENT_PID, "die")).rejects.toMatchObject({ name: "BrokenWorkerError", signal: "SIGKILL" });
        expect(await pool.run(PARENT_PID, "parentPid")).toBe(helperPid(helper));
      } finally {
        await pool.close();
      }
    } finally {
      await helper.close();
    }
    expect(await workerParent()).toBe(process.pid);
  });

  it("another copy of the adapter (the build in dist/, as anyproc carries its own) starts its workers through the helper too", async () => {
    const copy: { toProcess: typeof toProcess } = await import("../dist/index.js");
    expect(copy.toProcess).not.toBe(toProcess);
    const helper = startSpawnHelper();
    try {
      await helper.runProcess(["true"]);
      const pool = copy.toProcess.pool({ maxWorkers: 1 });
      try {
        expect(await pool.run(PARENT_PID, "parentPid")).toBe(helperPid(helper));
      } finally {
        await pool.close();
      }
    } finally {
      await helper.close();
    }
  });

  it("the plain toProcess does not wait for a helper still starting: its worker starts from the caller", async () => {
    const helper = startSpawnHelper();
    try {
      expect(await workerParent()).toBe(process.pid);
    } finally {
      await helper.close();
    }
  });

  it("the plain toProcess starts its workers from the caller once the helper is gone, and the helper's own pools through a new helper", async () => {
    const helper = startSpawnHelper();
    try {
      await helper.runProcess(["true"]);
      const first = helperPid(helper);
      process.kill(first, "SIGKILL");
      expect(await eventually(() => helper.pid === undefined)).toBe(true);
      expect(await workerParent()).toBe(process.pid);
      const pool = helper.toProcess.pool({ maxWorkers: 1 });
      try {
        const parent = await pool.run<number>(PARENT_PID, "parentPid");
        expect(parent).toBe(helperPid(helper));
        expect(parent).not.toBe(first);
      } finally {
        await pool.close();
      }
    } finally {
      await helper.close();
    }
  });

  it("a worker start in flight when the helper dies starts the worker from the caller instead", async () => {
    const helper = startSpawnHelper({ restart: false });
    try {
      await helper.runProcess(["true"]);
      const pid = helperPid(helper);
      process.kill(pid, "SIGSTOP");
      const parent = workerParent();
      await new Promise((r) => setTimeout(r, 50));
      process.kill(pid, "SIGKILL");
      expect(await parent).toBe(process.pid);
    } finally {
      await helper.close();
    }
  });

  it("of two helpers, the plain toProcess uses the one started last while it serves, then the other", async () => {
    const older = startSpawnHelper();
    const newer = startSpawnHelper();
    try {
      await Promise.all([older.runProcess(["true"]), newer.runProcess(["true"])]);
      expect(await workerParent()).toBe(helperPid(newer));
      await newer.close();
      expect(await workerParent()).toBe(helperPid(older));
    } finally {
      await Promise.all([newer.close(), older.close()]);
    }
  });

  it("spawn failures carry the same code, errno, syscall and path as the direct adapter's", async () => {
    const helper = startSpawnHelper();
    try {
      const viaHelper = (await helper.runProcess(["anyproc-no-such-command"]).catch((e: unknown) => e)) as SpawnError;
      const direct = (await runProcess(["anyproc-no-such-command"]).catch((e: unknown) => e)) as SpawnError;
      expect(viaHelper.message).toBe(direct.message);
      const pick = ({ code, errno, syscall, path, spawnargs, message }: Record<string, unknown>) => ({
        code,
        errno,
        syscall,
        path,
        spawnargs,
        message,
      });
      expect(pick(viaHelper.cause as Record<string, unknown>)).toEqual(pick(direct.cause as Record<string, unknown>));
    } finally {
      await helper.close();
    }
  });
});
