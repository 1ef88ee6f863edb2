/** What every case file receives: the bound API, the adapter, the capabilities and small fixtures. */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pid } from "node:process";
import { fileURLToPath } from "node:url";
import { type BoundProcessApi, bindAdapter, createToProcess, type ProcessAdapter, type ToProcess } from "@anyproc/core";
import { it } from "vitest";
import { type Capabilities, type ConformanceOptions, type Flags, flagsOf } from "./capabilities.js";

/** The context handed to each group of cases. */
export interface Context extends BoundProcessApi {
  /** The adapter under test. */
  readonly adapter: ProcessAdapter;
  /** What the platform and the adapter support; cases that need a missing capability are skipped. */
  readonly caps: Flags;
  /** toProcess bound to the adapter. */
  readonly toProcess: ToProcess;
  /** URL of a fixture module shipped in `@anyproc/conformance/fixtures`. */
  fixture(name: string): URL;
  /**
   * argv that runs the caller fixture `fixture` in a fresh process of the adapter's runtime, given the module
   * that exports the adapter and `args` (see {@link Flags.scripts}).
   */
  caller(fixture: string, ...args: string[]): string[];
  /** `it` when `flag` is true, else `it.skip`: with {@link unless}, the only ways a case is skipped. */
  when(flag: keyof Flags): typeof it;
  /** `it` when `flag` is false, else `it.skip`: for a case that pins what happens without a capability. */
  unless(flag: keyof Flags): typeof it;
  /**
   * argv that runs the suite's portable program (`fixtures/program.mjs`, whose opening comment lists its
   * steps) on the adapter's runtime with `steps` as its arguments; needs the `programs` capability. It runs
   * this process's copy of the program, outside any package (see `programCopy` in this file).
   */
  program(...steps: string[]): string[];
  /**
   * A string command that runs the portable program with `steps` through the platform's shell (`/bin/sh`, or
   * `cmd.exe` without {@link Flags.posixShell}): a word of letters, digits and `@+=:,./\-` as it is, any other
   * in double quotes, which both shells take literally unless it holds `"`, or for `/bin/sh` `$`, `` ` `` or
   * `\`, or for `cmd.exe` `%`: for such a word it throws. Needs `programs`.
   */
  programLine(...steps: string[]): string;
  /**
   * What the string command `echo ${word}` prints through the platform's shell, for a word both shells
   * print as it is: `word` and `\n` from `/bin/sh`, `word` and `\r\n` from `cmd.exe`.
   */
  echoed(word: string): string;
  /**
   * argv that runs `script` with `/bin/sh -c`, passing `args` as `$1...`: for the cases about the shell, or
   * that need it to trap or send a signal. Needs `posixShell`, which `signals`, `processGroups` and `procfs`
   * imply (only POSIX systems have them).
   */
  sh(script: string, ...args: string[]): string[];
  /**
   * Ends the process `pid` (one a case started outside anyproc's control, such as a grandchild) with SIGKILL,
   * through the caller's runtime rather than a `kill` program; does nothing when it is gone.
   */
  killPid(pid: number): void;
  /**
   * The environment of the suite's own probes, the processes that read procfs: `LD_PRELOAD` removed, so that a
   * library preloaded to take Linux-only features away from the code under test (as the portable lanes do,
   * to stand in for macOS) does not take procfs from the probes. Pass it as the `env` option of a probe.
   */
  readonly probeEnv: Readonly<Record<string, undefined>>;
  /** True while `pid` is a live (non-zombie) process; needs the `procfs` capability. */
  alive(pid: number): Promise<boolean>;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
  /** Polls `predicate` every 20 ms until it holds or `ms` pass; resolves to its last value. */
  eventually(predicate: () => Promise<boolean> | boolean, ms?: number): Promise<boolean>;
}

const PROBE_ENV = { LD_PRELOAD: undefined } as const;

/** The path of this process's copy of the portable program, once `programCopy` has made it. */
let copied: string | undefined;

/**
 * The path of a copy of the portable program `source`, made byte for byte by the first suite of the process, in
 * a folder of its own in the system's temporary folder: a child started on it finds no package.json or
 * tsconfig.json beside its script or above it, which a runtime may read (Bun for Windows under Wine 8 prints a
 * line to stderr for each one: test-matrix/README.md, Windows lanes). The folder is named by the hash of the
 * program (`anyproc-conformance-program-<hash>`), so every run of the same program shares one folder and
 * nothing piles up, and it is left in place, since the runners share no teardown hook (the Deno shim has only
 * `describe`, `it` and `expect`). The copy is written beside it and renamed over it, so that no child starts on
 * half a file, also while another run writes the same copy.
 */
function programCopy(source: URL): string {
  if (copied === undefined) {
    const bytes = readFileSync(source);
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    const dir = join(tmpdir(), `anyproc-conformance-program-${hash}`);
    const path = join(dir, "program.mjs");
    const partial = `${path}.${pid}.${Math.random().toString(36).slice(2)}.partial`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(partial, bytes);
    renameSync(partial, path);
    copied = path;
  }
  return copied;
}

/** Builds the context for `adapter`. */
export function createContext(adapter: ProcessAdapter, capabilities: Capabilities, options: ConformanceOptions): Context {
  const api = bindAdapter(adapter);
  const caps = flagsOf(adapter, capabilities, options);
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
  const program = adapter.scripts ? programCopy(fixture("program.mjs")) : undefined;
  return {
    ...api,
    adapter,
    caps,
    toProcess: createToProcess(adapter),
    fixture,
    caller(fixture, ...args) {
      const { scripts } = adapter;
      const { adapterModule } = options;
      if (!scripts || adapterModule === undefined) throw new Error("the scripts flag needs adapter.scripts and adapterModule");
      return [...scripts.argv(fileURLToPath(this.fixture(fixture))), adapterModule, ...args];
    },
    program(...steps) {
      if (!adapter.scripts || program === undefined) throw new Error("the programs flag needs adapter.scripts");
      return [...adapter.scripts.argv(program), ...steps];
    },
    when: (flag) => (caps[flag] ? it : (it.skip as typeof it)),
    unless: (flag) => (caps[flag] ? (it.skip as typeof it) : it),
    programLine(...steps) {
      const special = caps.posixShell ? /["$`\\]/ : /["%]/;
      const words = this.program(...steps);
      for (const word of words) if (special.test(word)) throw new Error(`programLine cannot quote ${JSON.stringify(word)} for the shell`);
      return words.map((word) => (/^[\w@+=:,./\\-]+$/.test(word) ? word : `"${word}"`)).join(" ");
    },
    echoed: (word) => `${word}${caps.posixShell ? "\n" : "\r\n"}`,
    sh: (script, ...args) => ["/bin/sh", "-c", script, "sh", ...args],
    killPid(pid) {
      const g = globalThis as { Deno?: { kill(pid: number, signal: string): void }; process?: { kill(pid: number, signal: string): void } };
      try {
        if (g.Deno) g.Deno.kill(pid, "SIGKILL");
        else g.process?.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    },
    probeEnv: PROBE_ENV,
    async alive(pid) {
      const { stdout, exitCode } = await api.runProcess(["cat", `/proc/${pid}/stat`], { check: false, stderr: "ignore", env: PROBE_ENV });
      if (exitCode !== 0) return false;
      const state = stdout.slice(stdout.lastIndexOf(")") + 2, stdout.lastIndexOf(")") + 3);
      return state !== "Z" && state !== "X";
    },
    sleep,
    async eventually(predicate, ms = 5000) {
      const end = Date.now() + ms;
      for (;;) {
        if (await predicate()) return true;
        if (Date.now() > end) return false;
        await sleep(20);
      }
    },
  };
}
