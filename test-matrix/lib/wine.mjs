// The Windows lanes run the Windows builds of Node and Bun on this Linux machine with Wine 8 (Debian's wine64 and
// wine), in a Wine prefix of the repository's own, made on first use in .cache/. Wine 8 lacks bcryptprimitives.dll,
// which Bun for Windows needs: tools/bcryptprimitives.c is built with MinGW into .cache/ and put in the prefix's
// system32, on every Windows program's DLL search path. Wine maps / to Z:\, so a Linux path is a Windows path with
// Z: in front. Wine and MinGW are system packages, found on PATH (.ci/run installs them with apt-get).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { delimiter, join, relative } from "node:path";
import { ROOT } from "./paths.mjs";
import { describeProcess, processesWithEnv, readArgv, readStat } from "./procfs.mjs";

const CACHE = join(ROOT, "test-matrix", ".cache");
const TOOLS = join(ROOT, "test-matrix", "tools");
/** The prefix every Windows lane runs in (WINEPREFIX): its C: drive, registry and Windows folder. */
const PREFIX = join(CACHE, "wine-prefix");
const DLL = join(CACHE, "bcryptprimitives.dll");
const DLL_SOURCES = ["bcryptprimitives.c", "bcryptprimitives.def"].map((file) => join(TOOLS, file));
const DLL_IN_PREFIX = join(PREFIX, "drive_c", "windows", "system32", "bcryptprimitives.dll");
const MINGW = "x86_64-w64-mingw32-gcc";
/** Preloaded into Node for Windows: module resolution through pnpm's symlinks, which Wine 8 shows as folders. */
export const NATIVE_REALPATH = join(TOOLS, "native-realpath.cjs");

/**
 * What a Windows lane adds to its environment: the prefix, Wine's own logging off (it would fill the lane's log),
 * and no offer to install Wine's .NET and HTML engines when the prefix is made or updated.
 */
const WINE_ENV = { WINEPREFIX: PREFIX, WINEDEBUG: "-all", WINEDLLOVERRIDES: "mscoree,mshtml=" };

/**
 * How long a Windows lane waits, before it starts, for the Windows programs another lane or run left running in the
 * prefix to end: they share its server, so the first to finish would end the other's processes (see {@link endWine}).
 */
const PREFIX_WAIT_MS = 10 * 60_000;

/** Wine's own programs, which every prefix runs, by file name: the server and the services. */
const WINE_OWN = new Set(
  "wineserver wineserver64 wineboot.exe services.exe winedevice.exe plugplay.exe svchost.exe rpcss.exe explorer.exe conhost.exe".split(" "),
);

/** `command` from a PATH directory, or null. */
function onPath(command) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const path = join(dir, command);
    if (dir && existsSync(path)) return path;
  }
  return null;
}

/** Whether the DLL is missing or older than its sources. */
function dllStale() {
  return !existsSync(DLL) || DLL_SOURCES.some((source) => statSync(DLL).mtimeMs < statSync(source).mtimeMs);
}

/**
 * `wine`, or null where Wine, or the MinGW compiler for a DLL not built yet, is not installed: a Windows lane then
 * reports that its runtime is missing.
 */
export function wineBin() {
  const wine = onPath("wine");
  return wine !== null && (!dllStale() || onPath(MINGW) !== null) ? wine : null;
}

/** The Windows form of an absolute Linux path, through Wine's Z: drive: `/tmp/a` gives `Z:\tmp\a`. */
export function windowsPath(path) {
  return `Z:${path.replaceAll("/", "\\")}`;
}

/**
 * Makes the prefix ready and returns the environment a Windows lane adds: builds the DLL if it is missing or older
 * than its sources, makes the prefix if it is missing (`wineboot --init`, 10–30 s, once: it stays in .cache/) as
 * a Windows 10, copies the DLL into its system32, and waits (up to {@link PREFIX_WAIT_MS}) until no Windows program
 * of another lane or run is left in the prefix. Throws with the failing command's output, or naming what still
 * runs there.
 */
export function wineEnv() {
  if (dllStale()) {
    mkdirSync(CACHE, { recursive: true });
    execFileSync(MINGW, ["-shared", "-O2", "-Wall", "-o", DLL, ...DLL_SOURCES, "-ladvapi32"], { stdio: ["ignore", "ignore", "pipe"] });
  }
  const env = { ...process.env, ...WINE_ENV };
  if (!existsSync(join(PREFIX, "system.reg"))) {
    process.stdout.write(`  making the Wine prefix ${relative(ROOT, PREFIX)} (once: it is kept)\n`);
    const wine = wineBin() ?? "wine";
    execFileSync(wine, ["wineboot", "--init"], { env, stdio: ["ignore", "ignore", "pipe"] });
    // Wine 8 reports Windows 7 by default, which Node 22 refuses to start on and Bun does not support.
    execFileSync(wine, ["winecfg", "-v", "win10"], { env, stdio: ["ignore", "ignore", "pipe"] });
    // wineboot returns before the server has written the new registry out; wait for it to finish.
    execFileSync(onPath("wineserver") ?? "wineserver", ["--wait"], { env, stdio: "ignore" });
  }
  if (!existsSync(DLL_IN_PREFIX) || statSync(DLL_IN_PREFIX).mtimeMs < statSync(DLL).mtimeMs) copyFileSync(DLL, DLL_IN_PREFIX);
  waitForPrefix();
  return WINE_ENV;
}

/** Waits until {@link programsInPrefix} finds nothing, up to {@link PREFIX_WAIT_MS}; then throws naming what runs. */
function waitForPrefix() {
  let running = programsInPrefix();
  if (running.length === 0) return;
  process.stdout.write(`  waiting for what else runs in the Wine prefix to end: ${running.map(describeProcess).join("; ")}\n`);
  const deadline = Date.now() + PREFIX_WAIT_MS;
  while (running.length && Date.now() < deadline) {
    sleepSync(500);
    running = programsInPrefix();
  }
  if (running.length) {
    throw new Error(`the Wine prefix is still in use after ${PREFIX_WAIT_MS / 60_000} min: ${running.map(describeProcess).join("; ")}`);
  }
}

/**
 * Ends every process of the prefix after a lane, so that nothing outlives it: Wine's server and services run in
 * sessions of their own, outside the lane's process group. Returns what the lane had left running there (a
 * Windows program other than Wine's own, such as a child started detached) as `pid command`; `wineserver --kill`
 * then ends it all, and anything still there after 5 s is killed with SIGKILL and returned too.
 * @returns {string[]}
 */
export function endWine() {
  const described = programsInPrefix().map(describeProcess);
  spawnSync(onPath("wineserver") ?? "wineserver", ["--kill"], { env: { ...process.env, ...WINE_ENV }, stdio: "ignore" });
  const deadline = Date.now() + 5_000;
  while (prefixProcesses().length && Date.now() < deadline) sleepSync(50);
  for (const pid of prefixProcesses()) {
    described.push(`${describeProcess(pid)} (still there after wineserver --kill)`);
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // it ended meanwhile
    }
  }
  return described;
}

/** The Windows programs running in the prefix other than Wine's own (the server and the services). */
function programsInPrefix() {
  return prefixProcesses().filter((pid) => !WINE_OWN.has((readArgv(pid)?.[0] ?? "").split(/[\\/]/).pop().toLowerCase()));
}

/** Blocks this thread for `ms` milliseconds. */
function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The live (not zombie) processes running in the prefix, by the WINEPREFIX in their environment, but for this process
 * and its ancestors (a shell that exported WINEPREFIX to run a lane by hand is not the lane's to end).
 */
function prefixProcesses() {
  const ours = new Set();
  for (let pid = process.pid; pid > 1 && !ours.has(pid); pid = readStat(pid)?.ppid ?? 0) ours.add(pid);
  return processesWithEnv("WINEPREFIX", PREFIX).filter((pid) => !ours.has(pid) && readStat(pid)?.state !== "Z");
}
