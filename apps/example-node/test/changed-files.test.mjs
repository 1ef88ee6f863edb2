// Runs the app the way a user would (`node src/changed-files.mjs <folder>`) against a temporary git
// repository, and against a folder that is not one. Without git on the machine, a small sh stand-in for
// the four git commands the app runs takes its place on PATH.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runProcess } from "anyproc";

const app = fileURLToPath(new URL("../src/changed-files.mjs", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "anyproc-example-node-"));
const repo = join(work, "repo");
const notRepo = join(work, "plain");
// Keeps git from finding a repository above the temporary folder.
const env = { GIT_CEILING_DIRECTORIES: dirname(work) };

before(async () => {
  mkdirSync(repo);
  mkdirSync(notRepo);
  const hasGit = (await runProcess("command -v git", { check: false })).exitCode === 0;
  if (hasGit) await makeRepo();
  else fakeGit();
});
after(() => rmSync(work, { recursive: true, force: true }));

const report = (folder) => runProcess([process.execPath, app, folder], { check: false, env, timeout: 10_000 });

test("lists each changed file with its status and line counts", async () => {
  const { exitCode, stdout } = await report(repo);
  assert.equal(exitCode, 0, stdout);
  assert.deepEqual(stdout.split("\n"), [
    `anyproc node adapter: 4 changed files in ${repo} on branch main`,
    "   M  app.js     +2 -1",
    "  A   new.js     +1 -0",
    "  D   old.txt    +0 -1",
    "  ??  notes.txt",
    "1 modified, 1 added, 1 deleted, 1 untracked",
    "",
  ]);
});

test("says so, with git's own message, outside a repository", async () => {
  const { exitCode, stdout } = await report(notRepo);
  assert.equal(exitCode, 2, stdout);
  assert.match(stdout, /^not a git repository: .*plain \(git exit code 128: fatal: not a git repository/);
});

/** A repository with one modified, one added, one deleted and one untracked file. */
async function makeRepo() {
  const sh = (script) =>
    runProcess(script, {
      cwd: repo,
      env: {
        ...env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.com",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.com",
      },
    });
  await sh("git init -q && git symbolic-ref HEAD refs/heads/main");
  writeFileSync(join(repo, "app.js"), "a\nb\n");
  writeFileSync(join(repo, "old.txt"), "x\n");
  await sh("git add . && git commit -qm init");
  writeFileSync(join(repo, "app.js"), "a\nB\nc\n");
  writeFileSync(join(repo, "new.js"), "n\n");
  writeFileSync(join(repo, "notes.txt"), "u\n");
  await sh("git add new.js && git rm -q old.txt");
}

/** A stand-in `git` answering the app's four commands as the repository above would, first on PATH. */
function fakeGit() {
  const bin = join(work, "bin");
  mkdirSync(bin);
  mkdirSync(join(repo, ".git"));
  writeFileSync(
    join(bin, "git"),
    `#!/bin/sh
[ -d .git ] || { echo "fatal: not a git repository (or any of the parent directories): .git" >&2; exit 128; }
case "$*" in
  "rev-parse --show-toplevel") pwd ;;
  "rev-parse --abbrev-ref HEAD") echo main ;;
  "status --porcelain") printf ' M app.js\\nA  new.js\\nD  old.txt\\n?? notes.txt\\n' ;;
  "diff --numstat HEAD") printf '2\\t1\\tapp.js\\n1\\t0\\tnew.js\\n0\\t1\\told.txt\\n' ;;
  *) echo "fake git: unexpected: $*" >&2; exit 1 ;;
esac
`,
  );
  chmodSync(join(bin, "git"), 0o755);
  env.PATH = `${bin}:${process.env.PATH}`;
}
