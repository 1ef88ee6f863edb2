// A build-step runner: runs the steps of a build file one after another in a fresh folder, stops at the
// first failing step and shows its error output, then digests the artefacts in toProcess workers.
// Usage: deno run --allow-run --allow-read --allow-write --allow-env --allow-net --allow-sys src/build.ts <build.json>
import { CalledProcessError, runProcess, toProcess } from "anyproc";
import { adapter } from "anyproc/adapter";
import type * as Digest from "./digest.ts";

interface BuildFile {
  name: string;
  steps: { name: string; run: string }[];
}

const file = Deno.args[0];
if (!file) {
  console.error("usage: build.ts <build.json>");
  Deno.exit(2);
}
const build: BuildFile = JSON.parse(await Deno.readTextFile(file));
const workdir = await Deno.makeTempDir({ prefix: "anyproc-build-" });
console.log(`anyproc ${adapter.runtime} adapter: building "${build.name}" in ${workdir}`);

try {
  const started = performance.now();
  const width = Math.max(...build.steps.map((s) => s.name.length));
  let failed: string | undefined;
  for (const step of build.steps) {
    try {
      // A string runs with /bin/sh -c; a non-zero exit rejects with CalledProcessError.
      const result = await runProcess(step.run, { cwd: workdir, timeout: 30_000 });
      const said = result.stdout.trim().split("\n").at(-1);
      console.log(`  ok    ${step.name.padEnd(width)}  ${(result.durationMs / 1000).toFixed(2)} s${said ? `  ${said}` : ""}`);
    } catch (error) {
      if (!(error instanceof CalledProcessError)) throw error;
      console.log(`  FAIL  ${step.name.padEnd(width)}  exit code ${error.exitCode ?? error.signal}`);
      for (const line of error.stderr.trim().split("\n").slice(-5)) console.log(`        | ${line}`);
      failed = step.name;
      break;
    }
  }

  if (failed) {
    console.log(`build failed at step "${failed}"; the steps after it were skipped`);
    Deno.exitCode = 1;
  } else {
    // Digest every artefact in parallel, in worker processes: hashing big files would block this one.
    const digest = toProcess.bind<typeof Digest>(new URL("./digest.ts", import.meta.url));
    const names = [...Deno.readDirSync(`${workdir}/out`)].map((e) => e.name).sort();
    const digests = await Promise.all(names.map((name) => digest.digestFile(`${workdir}/out/${name}`)));
    console.log("artefacts (SHA-256 computed in toProcess workers):");
    for (const [i, { bytes, sha256 }] of digests.entries()) {
      console.log(`  out/${names[i]?.padEnd(12)} ${String(bytes).padStart(6)} bytes  ${sha256.slice(0, 16)}`);
    }
    console.log(`build ok in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  }
} finally {
  await Deno.remove(workdir, { recursive: true });
}
