// The Windows lanes run the Windows builds of Node and Bun on this Linux machine with Wine 8 (Debian's wine64 and
// wine), in a Wine prefix of the repository's own, made on first use in .cache/. Wine 8 lacks bcryptprimitives.dll,
// which Bun for Windows needs: tools/bcryptprimitives.c is built with MinGW into .cache/ and put in the prefix's
// system32, on every Windows program's DLL search path. Wine maps / to Z:\, so a Linux path is a Windows path with
// Z: in front. Wine and MinGW are system packages, found on PATH (.ci/run installs them with apt-get).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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
 * What a Windows lane changes in its environment: the prefix, Wine's own logging off (it would fill the lane's log),
 * and no offer to install Wine's .NET and HTML engines when the prefix is made or updated. `NODE` and
 * `npm_node_execpath` are removed (a variable set to undefined is left out of a child's environment): npm and pnpm
 * set both, to the Linux `node`, for every script they run, such as the test-matrix package's `test` that turbo runs
 * in `npm test`, and no Windows program can run that file. Bun for Windows under Wine 8 that sees either, started
 * on a script read from stdin (`bun.exe -`, as toProcess starts its workers), ends with exit code 127 before the
 * script runs: it then calls advapi32's SaferiIsExecutableFileType, which Wine 8 does not export
 * (tools/wine-gaps.c).
 */
const WINE_ENV = {
  WINEPREFIX: PREFIX,
  WINEDEBUG: "-all",
  WINEDLLOVERRIDES: "mscoree,mshtml=",
  NODE: undefined,
  npm_node_execpath: undefined,
};

/**
 * The prefix's lock: the pid of the run.mjs whose Windows lane uses the prefix, from {@link wineEnv} to the end of
 * {@link endWine}. Lanes of two runs share the prefix's server, so the first to end would end the other's processes.
 */
const LOCK = join(CACHE, "wine-prefix.lock");
/** How long a Windows lane waits, before it starts, for the prefix's lock and for programs run there by hand. */
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
function wineBin() {
  const wine = onPath("wine");
  return wine !== null && (!dllStale() || onPath(MINGW) !== null) ? wine : null;
}

/**
 * The command line that starts a Windows program under Wine: `wine` run by `setarch <machine> -R`, which turns off
 * address-space randomisation for Wine and every process it starts, or `wine` alone where `setarch` is missing;
 * null where {@link wineBin} is. With randomisation on, about one process start in 4,000 fails under Wine 8 before
 * the new process runs: it cannot map the shared user data page at 0x7ffe0000 (STATUS_CONFLICTING_ADDRESSES),
 * CreateProcessW fails with ERROR_INTERNAL_ERROR (1359), which libuv does not map, and Node and Bun report
 * `spawn EUNKNOWN` for whatever case spawned then (tools/wine-spawn.c). With it off, 24,000 starts showed none.
 * @returns {string[] | null}
 */
export function wineArgv() {
  const wine = wineBin();
  if (wine === null) return null;
  const setarch = onPath("setarch");
  return setarch === null ? [wine] : [setarch, machine(), "-R", wine];
}

/** The machine name `setarch` takes, as `uname -m` prints it. */
function machine() {
  return process.arch === "arm64" ? "aarch64" : process.arch === "x64" ? "x86_64" : process.arch;
}

/** The Windows form of an absolute Linux path, through Wine's Z: drive: `/tmp/a` gives `Z:\tmp\a`. */
export function windowsPath(path) {
  return `Z:${path.replaceAll("/", "\\")}`;
}

/**
 * Makes the prefix ready and returns the environment a Windows lane adds: takes the prefix's {@link LOCK} (waiting
 * while another run's lane holds it), builds the DLL if it is missing or older than its sources, makes the prefix if
 * it is missing (`wineboot --init`, 10–30 s, once: it stays in .cache/) as a Windows 10, copies the DLL into its
 * system32, and waits until nothing run there by hand (a Windows program, Wine's server) is left in the prefix; it
 * waits {@link PREFIX_WAIT_MS} at most. Throws, with the lock released, with the failing command's output or naming what holds the prefix.
 */
export function wineEnv() {
  const deadline = Date.now() + PREFIX_WAIT_MS;
  lockPrefix(deadline);
  try {
    prepare(deadline);
  } catch (error) {
    unlockPrefix();
    throw error;
  }
  return WINE_ENV;
}

/** The setup of {@link wineEnv}, under the lock. */
function prepare(deadline) {
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
  // Until the server has gone too: a run that ends the prefix as endWine does SIGKILLs what appears meanwhile.
  let running = prefixProcesses();
  if (running.length)
    process.stdout.write(`  waiting for what runs in the Wine prefix to end: ${running.map(describeProcess).join("; ")}\n`);
  while (running.length && Date.now() < deadline) {
    sleepSync(500);
    running = prefixProcesses();
  }
  if (running.length) throw new Error(`the Wine prefix is still in use: ${running.map(describeProcess).join("; ")}`);
}

/** Takes {@link LOCK} for this process, waiting until `deadline` while a live process holds it; a dead one's is taken over. */
function lockPrefix(deadline) {
  mkdirSync(CACHE, { recursive: true });
  let told = false;
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: "wx" });
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    const holder = lockHolder();
    if (holder === process.pid) return;
    if (holder !== null && !live(holder)) {
      if (lockHolder() === holder) rmSync(LOCK, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`the Wine prefix is still in use by the lane of process ${holder}`);
    if (!told) process.stdout.write(`  waiting for the Wine prefix, which a lane of process ${holder} uses\n`);
    told = true;
    sleepSync(500);
  }
}

/** Removes {@link LOCK} if this process holds it. */
function unlockPrefix() {
  if (lockHolder() === process.pid) rmSync(LOCK, { force: true });
}

/** The pid in {@link LOCK}, or null when there is none (or it is being written). */
function lockHolder() {
  try {
    const pid = Number(readFileSync(LOCK, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether `pid` is a live (not zombie) process. */
function live(pid) {
  const state = readStat(pid)?.state;
  return state !== undefined && state !== "Z";
}

/**
 * Ends every process of the prefix after a lane, so that nothing outlives it: Wine's server and services run in
 * sessions of their own, outside the lane's process group. Returns what the lane had left running there (a
 * Windows program other than Wine's own, such as a child started detached) as `pid command`; `wineserver --kill`
 * then ends it all, and anything still there after 5 s is killed with SIGKILL and returned too. Then the prefix's
 * {@link LOCK} is released.
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
  unlockPrefix();
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
