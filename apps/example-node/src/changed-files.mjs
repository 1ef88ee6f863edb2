// A "changed files" report for a git repository: branch, then each changed file with its status and the
// lines added and removed. Runs its git commands concurrently with runProcess; outside a repository, says so.
// Usage: node src/changed-files.mjs [repository folder]   (default: the current folder)
import { resolve } from "node:path";
import { CalledProcessError, runProcess } from "anyproc";
import { adapter } from "anyproc/adapter";

const repo = resolve(process.argv[2] ?? ".");
/** Runs `git args...` in the repository and resolves its stdout; rejects with CalledProcessError on failure. */
const git = async (...args) => (await runProcess(["git", ...args], { cwd: repo, timeout: 10_000 })).stdout;

try {
  await git("rev-parse", "--show-toplevel");
} catch (error) {
  if (!(error instanceof CalledProcessError)) throw error;
  // git explains itself on stderr, e.g. "fatal: not a git repository (or any of the parent directories): .git"
  console.log(`not a git repository: ${repo} (git exit code ${error.exitCode}: ${error.stderr.trim()})`);
  process.exit(2);
}

// Independent questions, asked at once.
const [branch, status, numstat] = await Promise.all([
  git("rev-parse", "--abbrev-ref", "HEAD"),
  git("status", "--porcelain"),
  git("diff", "--numstat", "HEAD"),
]);

/** Lines added and removed per path, from `git diff --numstat` ("added<TAB>removed<TAB>path"). */
const counts = new Map(
  numstat
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [added, removed, path] = line.split("\t");
      return [path, `+${added} -${removed}`];
    }),
);
const changes = status
  .split("\n")
  .filter(Boolean)
  .map((line) => ({ code: line.slice(0, 2), path: line.slice(3) }));

console.log(`anyproc ${adapter.runtime} adapter: ${changes.length} changed files in ${repo} on branch ${branch.trim()}`);
const width = Math.max(0, ...changes.map((c) => c.path.length));
for (const { code, path } of changes) console.log(`  ${code}  ${path.padEnd(width)}  ${counts.get(path) ?? ""}`.trimEnd());
const kinds = { M: "modified", A: "added", D: "deleted", "?": "untracked" };
const tally = {};
for (const { code } of changes) {
  const kind = kinds[code.trim()[0]] ?? "other";
  tally[kind] = (tally[kind] ?? 0) + 1;
}
console.log(
  Object.entries(tally)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ") || "nothing changed",
);
