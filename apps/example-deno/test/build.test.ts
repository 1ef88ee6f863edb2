// Runs the app the way a user would (`deno run ... src/build.ts <build.json>`) and checks what it prints.
import assert from "node:assert/strict";
import { runProcess } from "anyproc";

const PERMISSIONS = ["--allow-run", "--allow-read", "--allow-write", "--allow-env", "--allow-net", "--allow-sys"];
const build = (file: string) =>
  runProcess([Deno.execPath(), "run", ...PERMISSIONS, "src/build.ts", file], {
    cwd: new URL("..", import.meta.url),
    check: false,
    timeout: 20_000,
  });

Deno.test("anyproc resolves to its Deno build from node_modules", () => {
  assert.match(import.meta.resolve("anyproc"), /\/dist\/deno\.js$/);
});

Deno.test("runs every step, then digests the artefacts in toProcess workers", async () => {
  const { exitCode, stdout } = await build("fixtures/ok.json");
  assert.equal(exitCode, 0, stdout);
  assert.match(stdout, /^anyproc deno adapter: building "web app"/);
  for (const step of ["generate", "compile", "test", "bundle"]) assert.match(stdout, new RegExp(`  ok    ${step} +\\d\\.\\d\\d s`));
  assert.match(stdout, /ok {4}test {6}\d\.\d\d s {2}3 tests passed/);
  // sha256 of the 32 bytes `export const version = "1.2.0";\n`
  assert.match(stdout, /out\/version\.js +32 bytes {2}c0520e4051f930a7/);
  assert.match(stdout, /build ok in \d+\.\d\d s/);
});

Deno.test("stops at a failing step with its exit code and error output, skipping the rest", async () => {
  const { exitCode, stdout } = await build("fixtures/failing.json");
  assert.equal(exitCode, 1, stdout);
  assert.match(stdout, /FAIL {2}test {6}exit code 1\n {8}\| FAIL bumps the version: expected 1\.3\.0, got 1\.2\.0\n/);
  assert.match(stdout, /build failed at step "test"; the steps after it were skipped/);
  assert.doesNotMatch(stdout, /bundle|artefacts/);
});
