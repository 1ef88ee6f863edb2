// printf ... | tr a-z A-Z | sort without a shell: each stage is a process, joined by web streams.
import { openProcess, runProcess, sh } from "anyproc";

const source = await openProcess(["printf", "pear\napple\nfig\n"], { stdin: "ignore" });
const upper = await openProcess(["tr", "a-z", "A-Z"]);
try {
  // Start both transfers at once and await them together, so a failure in either is never unhandled.
  const [sorted] = await Promise.all([
    runProcess(["sort"], { input: upper.stdout }), // the last stage collects
    source.stdout.pipeTo(upper.stdin), // closes tr's stdin when printf's stdout ends
  ]);
  const statuses = [await source.wait(), await upper.wait(), sorted];
  if (statuses.some((s) => s.exitCode !== 0)) throw new Error("a stage failed"); // set -o pipefail
  console.log(sorted.stdout.trimEnd());
} finally {
  // A no-op for a stage that has exited; after an error, it stops the stages still running.
  await source[Symbol.asyncDispose]();
  await upper[Symbol.asyncDispose]();
}

// The same through /bin/sh is shorter; `sh` quotes each value, so none of it is shell syntax.
const fruit = ["pear", "apple", "fig; rm -rf ~"];
const viaShell = await runProcess(sh`printf '%s\n' ${fruit} | tr a-z A-Z | sort`);
console.log(viaShell.stdout.trimEnd());
