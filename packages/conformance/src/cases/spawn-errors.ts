/**
 * Spawn errors: whatever the runtime throws (an async event, a sync throw, `Deno.errors.*`), a child that
 * cannot start rejects with one `SpawnError` whose `code` is the errno name, and a cwd that is missing or not
 * a directory is blamed on the cwd, not on the command, with the code chdir(2) gives on every runtime (and a
 * directory as the command is EACCES, as execve(2) says, Windows included). A message names each path as it
 * is written, a Windows path with its backslashes.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, ProcessError, SpawnError } from "@anyproc/core";
import { expect, it } from "vitest";
import type { Context } from "../_context.js";
import { makeDir, makeFile, rejection, removeDir, scratchDir } from "../_fixtures.js";

const MISSING = "anyproc-conformance-no-such-command";

/** A unique scratch directory holding `dir/` (a directory) and `noexec.sh` (a 0644 shell script). */
async function scratch(): Promise<string> {
  const root = await scratchDir("anyproc-spawn");
  await makeDir(`${root}/dir`);
  await makeFile(`${root}/noexec.sh`, "#!/bin/sh\necho ran\n", 0o644);
  return root;
}

/** Both entry points reject `command` with a SpawnError of `code`. */
async function expectSpawnError(ctx: Context, command: Command, code: string, cwd?: string): Promise<SpawnError[]> {
  const options = cwd === undefined ? {} : { cwd };
  const errors = [await rejection(ctx.runProcess(command, options)), await rejection(ctx.openProcess(command, options))];
  for (const error of errors) {
    expect(error).toBeInstanceOf(SpawnError);
    expect(error).toBeInstanceOf(ProcessError);
    expect(error).toBeInstanceOf(Error);
    expect((error as SpawnError).name).toBe("SpawnError");
    expect((error as SpawnError).code).toBe(code);
  }
  return errors as SpawnError[];
}

/** Pids of this runtime's children (live or zombie), excluding the probe itself. Needs procfs. */
async function children(ctx: Context): Promise<string[]> {
  const probe =
    'grep -l "^PPid:[[:space:]]*$PPID\\$" /proc/[0-9]*/status 2>/dev/null | sed -e "s|^/proc/||" -e "s|/status\\$||" | grep -vx "$$" || true';
  const { stdout } = await ctx.runProcess(ctx.sh(probe), { env: ctx.probeEnv });
  return stdout.split("\n").filter((line) => line !== "");
}

export function spawnErrorCases(ctx: Context): void {
  /** A program every platform has, for the cases whose cwd fails: it never starts, so it costs nothing. */
  const never = [ctx.adapter.execPath];
  /** Execute permission bits and ENOTDIR from execve(2) are POSIX; the systems with /bin/sh have them. */
  const posix = ctx.when("posixShell");
  it("a command missing from PATH rejects with SpawnError ENOENT naming the command", async () => {
    const [run, open] = await expectSpawnError(ctx, [MISSING, "--flag"], "ENOENT");
    for (const error of [run!, open!]) {
      expect(error.message).toContain(MISSING);
      expect(error.args).toEqual([MISSING, "--flag"]);
      expect(error.cwd).toBeUndefined();
    }
  });

  it("a missing absolute or relative path rejects with SpawnError ENOENT", async () => {
    const [absolute] = await expectSpawnError(ctx, [`/nonexistent-anyproc-dir/${MISSING}`], "ENOENT");
    expect(absolute!.message).toContain(`/nonexistent-anyproc-dir/${MISSING}`);
    const [relative] = await expectSpawnError(ctx, [`./${MISSING}.sh`], "ENOENT");
    expect(relative!.message).toContain(`./${MISSING}.sh`);
  });

  it("a directory as the command rejects with SpawnError EACCES", async () => {
    const root = await scratch();
    try {
      const [run, open] = await expectSpawnError(ctx, [`${root}/dir`], "EACCES");
      expect(run!.message).toContain(`${root}/dir`);
      expect(open!.message).toContain(`${root}/dir`);
    } finally {
      await removeDir(root);
    }
  });

  posix("a 0644 file as the command rejects with SpawnError EACCES", async () => {
    const root = await scratch();
    try {
      const [run, open] = await expectSpawnError(ctx, [`${root}/noexec.sh`, "arg"], "EACCES");
      expect(run!.message).toContain(`${root}/noexec.sh`);
      expect(run!.args).toEqual([`${root}/noexec.sh`, "arg"]);
      expect(open!.message).toContain(`${root}/noexec.sh`);
    } finally {
      await removeDir(root);
    }
  });

  it("a missing cwd rejects with SpawnError ENOENT whose message names the cwd", async () => {
    const root = await scratch();
    const cwd = `${root}/no-such-dir`;
    try {
      const [run, open] = await expectSpawnError(ctx, never, "ENOENT", cwd);
      for (const error of [run!, open!]) {
        expect(error.message).toContain(cwd);
        expect(error.message).toMatch(/cwd .* does not exist/);
        expect(error.cwd).toBe(cwd);
        expect(error.args).toEqual(never);
      }
    } finally {
      await removeDir(root);
    }
  });

  it("a cwd that is a file, or a path through one, rejects with SpawnError ENOTDIR saying it is not a directory", async () => {
    const root = await scratch();
    try {
      for (const cwd of [`${root}/noexec.sh`, `${root}/noexec.sh/below`]) {
        const [run, open] = await expectSpawnError(ctx, never, "ENOTDIR", cwd);
        for (const error of [run!, open!]) {
          expect(error.message).toContain(`the cwd "${cwd}" is not a directory`);
          expect(error.cwd).toBe(cwd);
        }
      }
    } finally {
      await removeDir(root);
    }
  });

  posix("a command whose path goes through a file rejects with SpawnError ENOTDIR", async () => {
    const root = await scratch();
    try {
      const [run, open] = await expectSpawnError(ctx, [`${root}/noexec.sh/tool`], "ENOTDIR");
      for (const error of [run!, open!]) {
        expect(error.message).toContain(`"${root}/noexec.sh/tool": a component of its path is not a directory`);
      }
    } finally {
      await removeDir(root);
    }
  });

  it("a missing cwd is reported for a string command and a cwd URL too", async () => {
    const root = await scratch();
    // Spelled with the platform's separator: the message names a URL's directory as the platform spells it.
    const cwd = join(root, "gone");
    try {
      const text = await rejection(ctx.runProcess("echo never", { cwd }));
      expect(text).toBeInstanceOf(SpawnError);
      expect((text as SpawnError).code).toBe("ENOENT");
      expect((text as SpawnError).message).toContain(cwd);
      const url = await rejection(ctx.openProcess(never, { cwd: pathToFileURL(cwd) }));
      expect(url).toBeInstanceOf(SpawnError);
      expect((url as SpawnError).code).toBe("ENOENT");
      expect((url as SpawnError).message).toContain(cwd);
    } finally {
      await removeDir(root);
    }
  });

  it("a spawn error does not break later spawns", async () => {
    await rejection(ctx.runProcess([MISSING]));
    const result = await ctx.runProcess("echo still-works");
    expect(result.stdout).toBe(ctx.echoed("still-works"));
  });

  ctx.when("procfs")("failed spawns leave no child process behind, live or zombie", async () => {
    const root = await scratch();
    try {
      const before = await children(ctx);
      for (let i = 0; i < 3; i++) {
        await rejection(ctx.runProcess([MISSING]));
        await rejection(ctx.openProcess([`${root}/dir`]));
        await rejection(ctx.runProcess([`${root}/noexec.sh`]));
        await rejection(ctx.openProcess(never, { cwd: `${root}/missing` }));
      }
      const after = await children(ctx);
      expect(after.filter((pid) => !before.includes(pid))).toEqual([]);
    } finally {
      await removeDir(root);
    }
  });
}
