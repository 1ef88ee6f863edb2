// Stop a child together with everything it started: `killTree` signals its whole process group.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openProcess, runProcess } from "anyproc";

const dir = await mkdtemp(join(tmpdir(), "anyproc-tree-"));
// Two background workers that would each leave a file behind if they outlived their parent.
const script = 'for n in 1 2; do (sleep 1; touch "$1/survivor-$$-$n") & done; echo started; wait';

// 1. A timeout (or an abort) with killTree ends the shell and both of its background children.
await runProcess(["sh", "-c", script, "sh", dir], { timeout: 300, killTree: true }).catch((error) => {
  console.log(`${error.name}: ${error.stdout.trim()}, then killed with the tree`);
});

// 2. The same on dispose: openProcess with killTree, stopped when the block is done.
const job = await openProcess(["sh", "-c", script, "sh", dir], { killTree: true });
try {
  await job.stdout.getReader().read(); // "started": the workers are running
} finally {
  await job[Symbol.asyncDispose](); // SIGTERM to the group; SIGKILL for what is left once the shell exits
}

await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the workers would have slept
console.log(`files left by survivors: ${(await readdir(dir)).length}`);
await rm(dir, { recursive: true });
