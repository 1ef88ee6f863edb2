/**
 * Process trees: with `killTree`, timeout, abort and dispose signal the child and every descendant, so a
 * background grandchild dies too; without it the grandchild survives (as with every native API). A
 * `killTree` child stays in the caller's session and process group (it keeps the controlling terminal);
 * `detached: true` gives the child its own session and group.
 */
import { ProcessTimeoutError } from "@anyproc/core";
import { expect } from "vitest";
import type { Context } from "../_context.js";
import { rejection } from "../_fixtures.js";

/** A shell that starts a background grandchild, prints its pid and waits for it. */
const GRANDCHILD = "sleep 30 & echo $!; wait";

/** Reads the first line of `stream` and parses it as a pid; leaves the stream locked and open. */
async function firstPid(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let out = "";
  while (!out.includes("\n")) {
    const { done, value } = await reader.read();
    if (done) break;
    out += decoder.decode(value, { stream: true });
  }
  return parsePid(out);
}

function parsePid(output: string): number {
  expect(output).toMatch(/^\d+\n/);
  return Number.parseInt(output, 10);
}

/** The ids in a `/proc/<pid>/stat` line. */
function statIds(line: string): { pid: number; pgrp: number; session: number } {
  const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
  return { pid: Number.parseInt(line, 10), pgrp: Number(fields[2]), session: Number(fields[3]) };
}

/** The ids of the child and of its parent (the caller), read by the child from procfs. */
async function sessionIds(ctx: Context, options: { detached?: boolean; killTree?: boolean }) {
  const { stdout } = await ctx.runProcess(ctx.sh('cat /proc/$$/stat; cat "/proc/$PPID/stat"'), { ...options, env: ctx.probeEnv });
  const [child, parent] = stdout.split("\n");
  return { child: statIds(child ?? ""), parent: statIds(parent ?? "") };
}

/**
 * The session and process group ids of `pid`, from the portable `ps -o sid=,pgid= -p`. An id is 0 when
 * its leader lives outside the caller's pid namespace (a container entered from outside), so callers
 * compare ids rather than expect them to be positive; output that is not two ids throws.
 */
async function psIds(ctx: Context, pid: number): Promise<{ session: number; pgrp: number }> {
  const { stdout } = await ctx.runProcess(["ps", "-o", "sid=,pgid=", "-p", String(pid)]);
  const ids = /^\s*(\d+)\s+(\d+)\s*$/.exec(stdout);
  if (!ids) throw new Error(`ps printed no session and process group for pid ${pid}: ${JSON.stringify(stdout)}`);
  return { session: Number(ids[1]), pgrp: Number(ids[2]) };
}

/** The caller's own pid, on every runtime. */
function callerPid(): number {
  const g = globalThis as { Deno?: { pid: number }; process?: { pid: number } };
  return g.Deno?.pid ?? (g.process as { pid: number }).pid;
}

export function processTreeCases(ctx: Context): void {
  /** Needs both process groups and procfs (to see whether the grandchild lives). */
  const tree = ctx.caps.procfs ? ctx.when("processGroups") : ctx.when("procfs");
  const gone = (pid: number) => ctx.eventually(async () => !(await ctx.alive(pid)), 3000);
  const killSurvivor = async (pid: number) => {
    if (pid > 0) await ctx.runProcess(["kill", "-KILL", String(pid)], { check: false, stderr: "ignore" });
  };

  tree("killTree: a timeout kills the grandchild too", async () => {
    let pid = 0;
    try {
      const error = await rejection(ctx.runProcess(ctx.sh(GRANDCHILD), { timeout: 1000, killTree: true }));
      expect(error).toBeInstanceOf(ProcessTimeoutError);
      pid = parsePid(String((error as ProcessTimeoutError).stdout));
      expect(await gone(pid)).toBe(true);
    } finally {
      await killSurvivor(pid);
    }
  });

  tree("without killTree a timeout kills only the child and the grandchild survives", async () => {
    let pid = 0;
    try {
      const error = await rejection(ctx.runProcess(ctx.sh(GRANDCHILD), { timeout: 1000 }));
      expect(error).toBeInstanceOf(ProcessTimeoutError);
      pid = parsePid(String((error as ProcessTimeoutError).stdout));
      expect(await ctx.alive(pid)).toBe(true);
    } finally {
      await killSurvivor(pid);
    }
    expect(await gone(pid)).toBe(true);
  });

  tree("killTree: openProcess with a timeout kills the grandchild too", async () => {
    const proc = await ctx.openProcess(ctx.sh(GRANDCHILD), { timeout: 1000, killTree: true });
    let pid = 0;
    try {
      pid = await firstPid(proc.stdout!);
      expect(await rejection(proc.wait())).toBeInstanceOf(ProcessTimeoutError);
      expect(await gone(pid)).toBe(true);
    } finally {
      await proc[Symbol.asyncDispose]();
      await killSurvivor(pid);
    }
  });

  tree("killTree: an abort kills the grandchild too", async () => {
    const controller = new AbortController();
    const proc = await ctx.openProcess(ctx.sh(GRANDCHILD), { signal: controller.signal, killTree: true });
    let pid = 0;
    try {
      pid = await firstPid(proc.stdout!);
      const reason = new Error("abort the tree");
      controller.abort(reason);
      expect(await rejection(proc.wait())).toBe(reason);
      expect(await gone(pid)).toBe(true);
    } finally {
      await proc[Symbol.asyncDispose]();
      await killSurvivor(pid);
    }
  });

  tree("killTree: dispose kills the grandchild too", async () => {
    const proc = await ctx.openProcess(ctx.sh(GRANDCHILD), { killTree: true });
    let pid = 0;
    try {
      pid = await firstPid(proc.stdout!);
      expect(await ctx.alive(pid)).toBe(true);
      await proc[Symbol.asyncDispose]();
      expect(await gone(pid)).toBe(true);
      expect(await ctx.alive(proc.pid)).toBe(false);
    } finally {
      await proc[Symbol.asyncDispose]();
      await killSurvivor(pid);
    }
  });

  tree("killTree: a grandchild that ignores killSignal is SIGKILLed too", async () => {
    const controller = new AbortController();
    const proc = await ctx.openProcess(ctx.sh("(trap '' TERM; exec sleep 30) & echo $!; wait"), {
      signal: controller.signal,
      killTree: true,
      forceKillAfter: 300,
    });
    let pid = 0;
    try {
      pid = await firstPid(proc.stdout!);
      controller.abort(new Error("abort a stubborn tree"));
      await rejection(proc.wait());
      expect(await gone(pid)).toBe(true);
    } finally {
      await proc[Symbol.asyncDispose]();
      await killSurvivor(pid);
    }
  });

  tree("detached: true gives the child its own session and process group", async () => {
    const { child, parent } = await sessionIds(ctx, { detached: true });
    expect(child.pid).toBeGreaterThan(0);
    expect(child.session).toBe(child.pid);
    expect(child.pgrp).toBe(child.pid);
    expect(child.session === parent.session).toBe(false);
  });

  tree("a child that is not detached shares the caller's session and process group", async () => {
    const { child, parent } = await sessionIds(ctx, {});
    expect(child.pid).toBeGreaterThan(0);
    expect(child.session).toBe(parent.session);
    expect(child.pgrp).toBe(parent.pgrp);
    expect(child.session === child.pid).toBe(false);
  });

  tree("killTree keeps the child in the caller's session and process group (its controlling terminal)", async () => {
    const proc = await ctx.openProcess(ctx.sh("echo $$; exec sleep 30"), { killTree: true, stdin: "ignore" });
    try {
      const pid = await firstPid(proc.stdout!);
      expect(pid).toBe(proc.pid);
      const child = await psIds(ctx, pid);
      const caller = await psIds(ctx, callerPid());
      expect(child.session).toBe(caller.session);
      expect(child.pgrp).toBe(caller.pgrp);
      expect(child.session === pid).toBe(false);
    } finally {
      await proc[Symbol.asyncDispose]();
    }
  });

  tree("killTree: a great-grandchild dies too", async () => {
    const proc = await ctx.openProcess(ctx.sh(`sh -c '${GRANDCHILD}' & wait`), { killTree: true, stdin: "ignore" });
    let pid = 0;
    try {
      pid = await firstPid(proc.stdout!);
      expect(await ctx.alive(pid)).toBe(true);
      await proc[Symbol.asyncDispose]();
      expect(await gone(pid)).toBe(true);
    } finally {
      await proc[Symbol.asyncDispose]();
      await killSurvivor(pid);
    }
  });

  tree("killTree with detached: a timeout kills the grandchild too, and the child has its own session", async () => {
    let pid = 0;
    try {
      const error = await rejection(
        ctx.runProcess(ctx.sh(`ps -o sid= -p $$ >&2; ${GRANDCHILD}`), { timeout: 1000, killTree: true, detached: true }),
      );
      expect(error).toBeInstanceOf(ProcessTimeoutError);
      const timedOut = error as ProcessTimeoutError;
      pid = parsePid(String(timedOut.stdout));
      expect(Number(String(timedOut.stderr).trim())).not.toBe((await psIds(ctx, callerPid())).session);
      expect(await gone(pid)).toBe(true);
    } finally {
      await killSurvivor(pid);
    }
  });
}
