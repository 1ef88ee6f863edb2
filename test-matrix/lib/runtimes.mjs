// The one table of runtimes and lanes: how to start each runtime, and which runtime runs which adapter's
// conformance suite, required or reported only. run.mjs, soak/ and scripts/ read it; a lane is one entry in LANES.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import process from "node:process";
import { bunErrors, denoErrors, vitestErrors } from "./log-errors.mjs";
import { ROOT } from "./paths.mjs";
import { portableEnv } from "./portable.mjs";
import { endWine, NATIVE_REALPATH, windowsPath, wineArgv, wineEnv } from "./wine.mjs";

/** Bun's per-test timeout (its default is 5 s), the same as vitest's in packages/node and the Deno shim's. */
const TEST_TIMEOUT_MS = 30_000;
/** What a lane whose runtime is not installed reports, unless its runtime says what is missing. */
const NOT_INSTALLED = "its executable or test runner is not installed (run pnpm install; the Node lines' builds are Linux x64 only)";

/** The first `node_modules/.bin/<name>` found under `dirs` (relative to the root), or null. */
function findBin(name, ...dirs) {
  for (const dir of dirs) {
    const path = join(ROOT, dir, "node_modules", ".bin", name);
    if (existsSync(path)) return path;
  }
  return null;
}

/**
 * test-matrix/runtimes/: a package that holds only runtimes, as aliased optional dependencies (each Node line, the
 * oldest Bun and Deno). Not test-matrix/ itself: the `node` its Node packages link into node_modules/.bin would
 * shadow the system's in that package's scripts.
 */
const RUNTIMES_DIR = "test-matrix/runtimes";
const runtimesPackage = JSON.parse(readFileSync(join(ROOT, RUNTIMES_DIR, "package.json"), "utf8"));

/** The version test-matrix/runtimes/package.json pins for the alias `name` (`npm:bun@1.4.0` gives `1.4.0`). */
function pinned(name) {
  const spec = runtimesPackage.optionalDependencies?.[name];
  if (!spec) throw new Error(`${RUNTIMES_DIR}/package.json has no dependency named ${name}`);
  return spec.slice(spec.lastIndexOf("@") + 1);
}

/**
 * test-matrix/runtimes-windows/: Node's Windows build alone. Not in {@link RUNTIMES_DIR}: pnpm links the `node`
 * command of one of that folder's Node packages into its node_modules/.bin, where the shims of its Bun and Deno
 * run it, and that must be a Linux build.
 */
const WINDOWS_RUNTIMES_DIR = "test-matrix/runtimes-windows";

/** `file` of the package installed as `alias` in `dir` (test-matrix/runtimes by default), or null where it is not installed. */
function runtimeFile(alias, file, dir = RUNTIMES_DIR) {
  const path = join(ROOT, dir, "node_modules", alias, file);
  return existsSync(path) ? path : null;
}

/** vitest's entry, relative to a node lane's cwd: run with the lane's own Node, not the shim's `node` from PATH. */
const VITEST = join("node_modules", "vitest", "vitest.mjs");

/**
 * @typedef {object} Runtime
 * @property {"node" | "bun" | "deno"} name which runtime it is
 * @property {() => string | null} bin the executable, or null when it is not installed: this Node, a Node line's
 *   binary from test-matrix/runtimes, or bun/deno from a node_modules/.bin (never from PATH); for bun and deno that
 *   is pnpm's shell shim, see {@link ownExecutable} for the binary behind it
 * @property {(script: string, options?: { allow?: string[] }) => string[]} script the arguments that run a script;
 *   `allow` lists Deno permissions (`run`, `read`, ...) to grant instead of all of them, and is ignored elsewhere
 * @property {(code: string) => string[]} eval the arguments that run a line of code
 * @property {"vitest-json" | "junit"} format the report format of its test command
 * @property {(report: string, options: { cwd: string, config?: string, files?: string[], testTimeoutMs?: number }) => { bin: string | null, args: string[] }} test
 *   the test command writing its report to `report`, run in `cwd`: that folder's vitest on this Node with an
 *   optional config, or the runtime's own test runner, on `files` (vitest: all of its config's files when none are
 *   given) with `testTimeoutMs` per test (default: vitest's config, {@link TEST_TIMEOUT_MS} for Bun)
 * @property {(log: string) => string[]} logErrors errors its test runner printed but did not put in its report
 * @property {() => Record<string, string | undefined>} [env] what its lanes add to the environment (a variable set to
 *   undefined: what they remove), made ready when first asked
 * @property {() => string[]} [finish] run after each of its lanes: ends what the runtime left running outside the
 *   lane's process group and returns what the lane itself had left there, as `pid command`
 * @property {string} [missing] what a lane reports when `bin` is null, instead of {@link NOT_INSTALLED}
 */

/**
 * A Node runtime: `bin` gives its executable, which also runs vitest (and so every fork of it) in its lanes, with
 * `flags` before vitest's entry (vitest's forks inherit them).
 */
function nodeRuntime(bin, flags = []) {
  return {
    name: "node",
    bin,
    script: (script) => [script],
    eval: (code) => ["-e", code],
    format: "vitest-json",
    test: (report, { cwd, config, files = [], testTimeoutMs }) => ({
      bin: existsSync(join(ROOT, cwd, VITEST)) ? bin() : null,
      args: [
        ...flags,
        VITEST,
        "run",
        ...(config ? ["--config", config] : []),
        ...(testTimeoutMs ? [`--testTimeout=${testTimeoutMs}`, `--hookTimeout=${testTimeoutMs}`] : []),
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
        ...files,
      ],
    }),
    logErrors: vitestErrors,
  };
}

/** A Bun runtime: `bin` gives its executable. */
function bunRuntime(bin) {
  return {
    name: "bun",
    bin,
    script: (script) => [script],
    eval: (code) => ["-e", code],
    format: "junit",
    test: (report, { files = [], testTimeoutMs = TEST_TIMEOUT_MS }) => ({
      bin: bin(),
      args: ["test", `--timeout=${testTimeoutMs}`, "--reporter=junit", `--reporter-outfile=${report}`, ...files],
    }),
    logErrors: bunErrors,
  };
}

/** A Deno runtime: `bin` gives its executable. */
function denoRuntime(bin) {
  return {
    name: "deno",
    bin,
    script: (script, { allow } = {}) => ["run", ...(allow ? allow.map((p) => `--allow-${p}`) : ["-A"]), script],
    eval: (code) => ["eval", code],
    format: "junit",
    test: (report, { files = [] }) => ({
      bin: bin(),
      args: ["test", "-A", "--no-check", `--junit-path=${report}`, ...files],
    }),
    logErrors: denoErrors,
  };
}

/**
 * `runtime`'s Windows build run by Wine (./wine.mjs): the executable is `wine` and the runtime's own `bin`, the
 * .exe, its first argument; a path given to it is a Windows path.
 * @param {Runtime} runtime
 * @returns {Runtime}
 */
function underWine(runtime) {
  const exe = runtime.bin;
  // `wine` as ./wine.mjs starts it (behind `setarch -R`): its first word is the executable, the rest lead the arguments.
  const wine = () => (exe() === null ? null : wineArgv());
  const windows = (path) => (path.startsWith("/") ? windowsPath(path) : path);
  return {
    ...runtime,
    bin: () => wine()?.[0] ?? null,
    script: (script, options) => [...(wine()?.slice(1) ?? []), exe(), ...runtime.script(windows(script), options)],
    eval: (code) => [...(wine()?.slice(1) ?? []), exe(), ...runtime.eval(code)],
    test: (report, options) => {
      const command = runtime.test(windowsPath(report), options);
      const argv = wine();
      return command.bin === null || argv === null ? command : { bin: argv[0], args: [...argv.slice(1), command.bin, ...command.args] };
    },
    env: wineEnv,
    finish: endWine,
    missing:
      "Wine, MinGW or the Windows build is not installed (.ci/run installs wine64, wine and gcc-mingw-w64-x86-64-win32 " +
      "with apt-get when run as root; pnpm install brings the Windows builds)",
  };
}

/**
 * The Windows build of the Bun that the `bun` package installed in `dir` (relative to the root) runs: that
 * package's optional dependency @oven/bun-windows-x64, so always at its version, which pnpm installs beside it
 * because pnpm-workspace.yaml's supportedArchitectures includes win32. Null where it is not installed.
 */
function bunWindowsExe(dir) {
  try {
    return createRequire(join(realpathSync(join(ROOT, dir)), "package.json")).resolve("@oven/bun-windows-x64/bin/bun.exe");
  } catch {
    return null;
  }
}

/**
 * The version pinned as `alias`, checked against the floor the packages declare (`engines[runtime]` of
 * `packages/<runtime>`, which the adapter also names in its error for an older runtime): the lane that proves
 * the oldest version must run exactly that one.
 */
function oldest(alias, runtime) {
  const version = pinned(alias);
  const { engines } = JSON.parse(readFileSync(join(ROOT, "packages", runtime, "package.json"), "utf8"));
  if (engines?.[runtime] !== `>=${version}`) {
    throw new Error(
      `${RUNTIMES_DIR} pins ${runtime} ${version} as the oldest, but packages/${runtime} declares engines.${runtime} ${engines?.[runtime]}`,
    );
  }
  return version;
}

/** The oldest Bun and Deno anyproc supports (the `engines` of @anyproc/bun, @anyproc/deno and anyproc), as lane names. */
export const BUN_OLDEST = `bun-${oldest("bun-oldest", "bun")}`;
export const DENO_OLDEST = `deno-${oldest("deno-oldest", "deno")}`;

/**
 * Every runtime, by the name lanes use: `node` is the Node running this table; node22, node24 and node26 are the
 * Linux x64 builds of each supported Node line from test-matrix/runtimes (null elsewhere); `bun` and `deno` are
 * the versions the packages develop against, {@link BUN_OLDEST} and {@link DENO_OLDEST} the oldest supported.
 * @type {Record<string, Runtime>}
 */
export const RUNTIMES = {
  node: nodeRuntime(() => process.execPath),
  node22: nodeRuntime(() => runtimeFile("node22", "bin/node")),
  node24: nodeRuntime(() => runtimeFile("node24", "bin/node")),
  node26: nodeRuntime(() => runtimeFile("node26", "bin/node")),
  bun: bunRuntime(() => findBin("bun", "test-matrix", "packages/bun", "packages/anyproc")),
  [BUN_OLDEST]: bunRuntime(() => findBin("bun", RUNTIMES_DIR)),
  deno: denoRuntime(() => findBin("deno", "test-matrix", "packages/deno", "packages/anyproc")),
  [DENO_OLDEST]: denoRuntime(() => findBin("deno", RUNTIMES_DIR)),
};

/**
 * The Windows builds, run by Wine (./wine.mjs). Kept out of {@link RUNTIMES}, whose every runtime the scripts and
 * the bench start directly on this machine. `node-windows` is the Windows build of Node 22 from
 * test-matrix/runtimes-windows, with tools/native-realpath.cjs preloaded into vitest and its forks (Node under Wine 8 sees
 * pnpm's symlinks as folders); Node 24 and 26 for Windows abort at start under Wine 8. `bun-windows` is the Windows
 * build of the `bun` runtime and `bun-<oldest>-windows` that of {@link BUN_OLDEST}, each at its version (no lane
 * runs the oldest yet: the Windows lanes' time is counted).
 * @type {Record<string, Runtime>}
 */
export const WINE_RUNTIMES = {
  "node-windows": underWine(
    nodeRuntime(() => runtimeFile("node22-windows", "bin/node.exe", WINDOWS_RUNTIMES_DIR), ["--require", windowsPath(NATIVE_REALPATH)]),
  ),
  "bun-windows": underWine(bunRuntime(() => bunWindowsExe("test-matrix/node_modules/bun"))),
  [`${BUN_OLDEST}-windows`]: underWine(bunRuntime(() => bunWindowsExe(`${RUNTIMES_DIR}/node_modules/bun-oldest`))),
};

/**
 * The runtime's own executable, asked of the runtime itself: for bun and deno the binary behind pnpm's shim
 * (a shell script that would count as a process of its own), for node its `process.execPath`. Null when
 * the runtime is not installed.
 * @param {keyof typeof RUNTIMES} name
 * @returns {string | null}
 */
export function ownExecutable(name) {
  const runtime = RUNTIMES[name];
  const bin = runtime.bin();
  if (bin === null) return null;
  return execFileSync(bin, runtime.eval("process.stdout.write(process.execPath)"), { encoding: "utf8" });
}

/**
 * @typedef {object} LaneEntry
 * @property {string} name column name in the matrix
 * @property {string} runtime the runtime whose test command runs the lane: a key of {@link RUNTIMES} or
 *   {@link WINE_RUNTIMES}
 * @property {string} adapter the built adapter module for a script run on this lane's runtime (the soak workload
 *   imports it), relative to the root
 * @property {boolean} required whether a failure here fails the run (otherwise it is reported only)
 * @property {string} cwd working directory, relative to the root
 * @property {string} [config] the vitest config (node lanes)
 * @property {string[]} [files] the test files (bun and deno lanes; node lanes run their config's files without it)
 * @property {number} [testTimeoutMs] the per-test time limit, when a lane needs another than its runner's
 * @property {number} [limitSeconds] the lane's time limit, when shorter than run.mjs's `--timeout`
 * @property {Record<string, string>} [env] added to the test command's environment
 * @property {boolean} [portable] whether the lane runs with anyproc's Linux-only paths turned off and taken away,
 *   as on macOS (see ./portable.mjs); its `env` then includes what does that
 * @property {boolean} [soak] whether the soak lane runs its workload on this runtime against {@link LaneEntry.adapter}
 */

/**
 * @typedef {LaneEntry & {
 *   format: Runtime["format"],
 *   command: (report: string) => { bin: string | null, args: string[] },
 *   logErrors: Runtime["logErrors"],
 *   finish?: Runtime["finish"],
 *   missing: string,
 * }} Lane a lane entry with its runtime's test command filled in; reading `env` may build or set up what the
 *   lane needs, and throws if that fails
 */

/** @type {LaneEntry[]} */
const ENTRIES = [
  { name: "node", runtime: "node", adapter: "packages/node/dist/index.js", required: true, cwd: "packages/node", soak: true },
  // The same suite on each supported Node line (the `node` lane is the Node running this table). What differs
  // between lines is in the adapter these lanes run: whether workers strip TypeScript (the suite reads
  // `workers.typescript`, so the "runs" case runs where Node strips types and the "refused" case elsewhere).
  // The node-helper and node-reuse-read-buffer lanes stay on the `node` line: what they add over the adapter is
  // node:net Unix sockets (a server, `connect`, `onread` into one buffer, a socket on a descriptor) and `fork`,
  // used here in ways that behave alike on every line; both suites pass on 22 and 26 too.
  { name: "node22", runtime: "node22", adapter: "packages/node/dist/index.js", required: true, cwd: "packages/node" },
  { name: "node24", runtime: "node24", adapter: "packages/node/dist/index.js", required: true, cwd: "packages/node" },
  { name: "node26", runtime: "node26", adapter: "packages/node/dist/index.js", required: true, cwd: "packages/node" },
  // The node adapter's opt-in spawn helper (startSpawnHelper): the same suite, every spawn through the helper.
  {
    name: "node-helper",
    runtime: "node",
    adapter: "packages/node/dist/index.js",
    required: true,
    cwd: "packages/node",
    config: "vitest.helper.config.ts",
  },
  // The node adapter with `reuseReadBuffer` (stdout through a socket pair read into one buffer): the same suite.
  {
    name: "node-reuse-read-buffer",
    runtime: "node",
    adapter: "packages/node/test/fixtures/reuse-read-buffer-entry.mjs",
    required: true,
    cwd: "packages/node",
    config: "vitest.reuse-read-buffer.config.ts",
    soak: true,
  },
  { name: "bun", runtime: "bun", adapter: "packages/bun/dist/index.js", required: true, cwd: "packages/bun", soak: true },
  // The oldest Bun supported: the bun lane's suite, run by it.
  { name: BUN_OLDEST, runtime: BUN_OLDEST, adapter: "packages/bun/dist/index.js", required: true, cwd: "packages/bun" },
  {
    name: "deno",
    runtime: "deno",
    adapter: "packages/deno/dist/index.js",
    required: true,
    cwd: "packages/deno",
    files: ["test/"],
    soak: true,
  },
  // The oldest Deno supported: the deno lane's suite, run by it.
  {
    name: DENO_OLDEST,
    runtime: DENO_OLDEST,
    adapter: "packages/deno/dist/index.js",
    required: true,
    cwd: "packages/deno",
    files: ["test/"],
  },
  // The portable lanes: each runtime's suite with the Linux-only paths off (abstract socket addresses,
  // /proc, pipe2), which is what macOS runs. Bun and Deno run only the suite here: their adapter tests pin how
  // the Linux paths work. Node runs its unit tests too: the socket pair, the spawn helper and the worker
  // channel each take the portable path there.
  { name: "node-portable", runtime: "node", adapter: "packages/node/dist/index.js", required: true, cwd: "packages/node", portable: true },
  {
    name: "bun-portable",
    runtime: "bun",
    adapter: "packages/bun/dist/index.js",
    required: true,
    cwd: "packages/bun",
    files: ["test/conformance.test.ts"],
    portable: true,
  },
  {
    name: "deno-portable",
    runtime: "deno",
    adapter: "packages/deno/dist/index.js",
    required: true,
    cwd: "packages/deno",
    files: ["test/conformance.test.ts"],
    portable: true,
  },
  {
    name: "node-on-bun",
    runtime: "bun",
    adapter: "packages/node/dist/index.js",
    required: false,
    cwd: "test-matrix/lanes",
    files: ["./node-on-bun.test.ts"],
  },
  {
    name: "node-on-deno",
    runtime: "deno",
    adapter: "packages/node/dist/index.js",
    required: false,
    cwd: "test-matrix/lanes",
    files: ["node-on-deno.test.ts"],
  },
  // Windows, under Wine (see WINE_RUNTIMES and ./wine.mjs): reported only until the suite's fixtures run on Windows.
  // Only the conformance suite: the adapters' other tests pin their Linux and macOS mechanisms (socket pairs, the
  // spawn helper), which Windows does not take. A process starts in ~0.2 s under Wine, not ~1 ms, and a case Wine
  // leaves hanging would take the suite's 30 s: each case gets 10 s (the busy-loop output case, 400 children, sets
  // its own 80 s), and each lane 5 min, so that a lane still ends on its own and writes its report when a few cases
  // hang. The Node suite took 2 min here alone (the busy-loop case 34 s of it) and 3.3 min while a bench ran on the
  // same two cores (that case 57 s); Bun's took 1 min alone and more than 2.5 min on busy cores once the pipeline
  // cases came (1 GiB through three stages: 23 s under Wine).
  {
    name: "node-windows",
    runtime: "node-windows",
    adapter: "packages/node/dist/index.js",
    required: false,
    cwd: "packages/node",
    files: ["test/conformance.test.ts"],
    testTimeoutMs: 10_000,
    limitSeconds: 300,
  },
  // Run from the system's temporary folder, outside the repository, with the test file by its absolute path (its
  // imports resolve from its own folder all the same): every bun.exe under Wine 8 prints a "directory mismatch"
  // line to stderr for each package.json or tsconfig.json it reads in its working directory and the parents
  // (README, Windows lanes), and the children the suite starts inherit the runner's working directory.
  {
    name: "bun-windows",
    runtime: "bun-windows",
    adapter: "packages/bun/dist/index.js",
    required: false,
    cwd: relative(ROOT, tmpdir()),
    files: [windowsPath(join(ROOT, "packages/bun/test/conformance.test.ts"))],
    testTimeoutMs: 10_000,
    limitSeconds: 300,
  },
];

/** Every lane of the matrix, in column order. @type {Lane[]} */
export const LANES = ENTRIES.map((entry) => {
  const runtime = RUNTIMES[entry.runtime] ?? WINE_RUNTIMES[entry.runtime];
  if (!runtime) throw new Error(`lane ${entry.name}: no runtime named ${entry.runtime}`);
  const env = entry.env ?? {};
  return {
    ...entry,
    get env() {
      // The preload library and the Wine prefix are made on first use, not when this table is imported.
      return { ...runtime.env?.(), ...env, ...(entry.portable ? portableEnv() : {}) };
    },
    format: runtime.format,
    command: (report) => runtime.test(report, entry),
    logErrors: runtime.logErrors,
    finish: runtime.finish,
    missing: runtime.missing ?? NOT_INSTALLED,
  };
});

/** The names of the lanes whose failures fail the run. */
export const REQUIRED_LANES = LANES.filter((lane) => lane.required).map((lane) => lane.name);
