// The demo's workload, run on whichever runtime imports it: the same batch of small scripts run one after
// another and then concurrently through anyproc, a streamed child, and a failure handled. Prints one JSON line.
import { CalledProcessError, lines, openProcess, runProcess, toProcess } from "anyproc";
import { fib } from "./cpu.mjs";

const JOBS = 8;
const LIMIT = 4;
const job = (i) => ["sh", "-c", `sleep 0.2; echo "job ${i} done in $$"`];

async function sequential() {
  const started = performance.now();
  for (let i = 0; i < JOBS; i++) await runProcess(job(i));
  return performance.now() - started;
}

async function concurrent() {
  const started = performance.now();
  let next = 0;
  const outputs = [];
  const worker = async () => {
    while (next < JOBS) {
      const i = next++;
      outputs[i] = (await runProcess(job(i))).stdout.trim();
    }
  };
  await Promise.all(Array.from({ length: LIMIT }, worker));
  return { ms: performance.now() - started, outputs };
}

async function streamed() {
  const proc = await openProcess(["sh", "-c", 'for i in 1 2 3; do echo "tick $i"; sleep 0.05; done'], { stdin: "ignore" });
  try {
    const seen = [];
    for await (const line of lines(proc.stdout)) seen.push(line);
    return { seen, status: await proc.wait() };
  } finally {
    await proc[Symbol.asyncDispose]();
  }
}

async function failure() {
  try {
    await runProcess("echo 'disk full' >&2; exit 3");
    return "no error?";
  } catch (error) {
    if (error instanceof CalledProcessError) return `${error.name}: exit ${error.exitCode}, stderr ${JSON.stringify(error.stderr.trim())}`;
    throw error;
  }
}

const CPU_CALLS = 8;
const FIB_N = 36;

async function cpuInline() {
  const started = performance.now();
  for (let i = 0; i < CPU_CALLS; i++) fib(FIB_N);
  return performance.now() - started;
}

async function cpuWorkers() {
  const pool = toProcess.pool();
  try {
    const started = performance.now();
    const module = new URL("./cpu.mjs", import.meta.url);
    await Promise.all(Array.from({ length: CPU_CALLS }, () => pool.run(module, "fib", [FIB_N])));
    return performance.now() - started;
  } finally {
    await pool.close();
  }
}

const seq = await sequential();
const conc = await concurrent();
const stream = await streamed();
const failed = await failure();
const cpu = { calls: CPU_CALLS, inlineMs: await cpuInline(), workersMs: await cpuWorkers() };
console.log(JSON.stringify({ jobs: JOBS, limit: LIMIT, sequentialMs: seq, concurrentMs: conc.ms, sample: conc.outputs[0], stream, failed, cpu }));
