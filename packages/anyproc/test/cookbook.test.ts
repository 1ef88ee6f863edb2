// Runs every recipe of docs/cookbook.md, and the README's first example, as a script on the runtime
// running this file (vitest on Node, bun test, deno test), and checks what each one prints. The recipes
// live in packages/anyproc/cookbook/ so that their `import ... from "anyproc"` resolves to this package
// (a package may import itself by name); the docs show them verbatim, which is checked here too.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { runProcess } from "anyproc";
import { adapter } from "anyproc/adapter";
import { describe, expect, it } from "vitest";

const cookbook = new URL("../cookbook/", import.meta.url);
const repo = new URL("../../../", import.meta.url);

/** What each recipe prints; `<os>` is the output of `uname -s`. */
const recipes: Record<string, string> = {
  "readme.mjs": ["<os>", "tick 1", "tick 2", "tick 3", '{"exitCode":0,"signal":null}', "832040"].join("\n"),
  "pipeline.mjs": ["APPLE", "FIG", "PEAR", "APPLE", "FIG; RM -RF ~", "PEAR"].join("\n"),
  "streaming-lines.mjs": [
    "build: done: lint",
    "build: done: compile",
    "build: done: pack",
    "exit code 0, stderr: 1 warning",
    "server: starting",
    "server: ready on port 8080",
    "the server is up",
    "stopped by SIGTERM",
  ].join("\n"),
  "timeouts.mjs": [
    'Command timed out after 300 ms: sh -c "echo step 1; sleep 10; echo step 2"',
    'partial output: "step 1\\n", ended by SIGTERM',
    "rejected with: cancelled by the user",
    "rejected with: TimeoutError",
    "ProcessTimeoutError, ended by SIGKILL within a second: true",
  ].join("\n"),
  "process-tree.mjs": ["ProcessTimeoutError: started, then killed with the tree", "files left by survivors: 0"].join("\n"),
  "worker-pool.mjs": [
    "fib: 75025 121393 196418 317811",
    "spin: no longer needed",
    "crash: BrokenWorkerError, exit code 3",
    "after the crash: 6765",
  ].join("\n"),
};

const source = (name: string) => readFile(new URL(name, cookbook), "utf8");
/** A fenced JavaScript block holding `code` exactly. */
const block = (code: string) => `${"```"}js\n${code}${"```"}`;
const doc = (path: string) => readFile(new URL(path, repo), "utf8");

describe("cookbook", () => {
  for (const [name, output] of Object.entries(recipes)) {
    it(`${name} runs on ${adapter.runtime} and prints what the docs say`, async () => {
      const scripts = adapter.scripts;
      if (!scripts) throw new Error(`the ${adapter.runtime} adapter cannot start scripts`);
      const result = await runProcess(scripts.argv(fileURLToPath(new URL(name, cookbook))), { check: false, timeout: 20_000 });
      const os = (await runProcess(["uname", "-s"])).stdout.trim();
      expect({ stdout: result.stdout.trimEnd(), stderr: result.stderr, exitCode: result.exitCode }).toEqual({
        stdout: output.replace("<os>", os),
        stderr: "",
        exitCode: 0,
      });
    }, 30_000);
  }

  it("docs/cookbook.md shows every recipe and the worker module exactly as they are", async () => {
    const page = await doc("docs/cookbook.md");
    for (const name of [...Object.keys(recipes).filter((n) => n !== "readme.mjs"), "work.mjs"]) {
      expect(page).toContain(block(await source(name)));
    }
  });

  it("the README's first example is cookbook/readme.mjs", async () => {
    expect(await doc("README.md")).toContain(block(await source("readme.mjs")));
  });
});
