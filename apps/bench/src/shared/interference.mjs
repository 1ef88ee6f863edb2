// How much of the machine other processes took during a measurement (Linux /proc): the CPU busy time of
// all CPUs (steal included) minus the time of this process and its children (running ones, and exited ones
// it has reaped: spawn benchmarks start thousands), as a share of the CPUs' time.
import { readdirSync, readFileSync } from "node:fs";
import { childPids } from "./affinity.mjs";

/** The machine's busy nanoseconds so far (everything but idle and iowait) and its CPU count, from /proc/stat. */
function machineBusy() {
  const lines = readFileSync("/proc/stat", "utf8").split("\n");
  const [user, nice, system, , , irq, softirq, steal] = lines[0].trim().split(/\s+/).slice(1).map(Number);
  const cpus = lines.filter((line) => /^cpu\d/.test(line)).length; // all of them, not just those this process may use
  return { ns: (user + nice + system + irq + softirq + steal) * 1e7, cpus }; // USER_HZ is 100 on Linux
}

/** On-CPU nanoseconds of every thread of `pid` and of its descendants. */
function treeCpuNs(pid) {
  let sum = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      sum += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // The thread ended while we looked.
    }
  }
  for (const child of childPids(pid)) {
    try {
      sum += treeCpuNs(child);
    } catch {
      // The child ended while we looked.
    }
  }
  return sum;
}

/** CPU nanoseconds of this process's children that have exited and been waited for (cutime + cstime, /proc/self/stat). */
function reapedChildrenNs() {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from the 3rd (state) on
  return (Number(fields[13]) + Number(fields[14])) * 1e7; // cutime and cstime, fields 16 and 17, in USER_HZ
}

/** Starts watching; `stop()` returns the share (0..1) of all CPUs' time that other processes used meanwhile. */
export function watchInterference() {
  const start = { busy: machineBusy(), ours: treeCpuNs("self") + reapedChildrenNs(), at: process.hrtime.bigint() };
  return () => {
    const { ns, cpus } = machineBusy();
    const busy = ns - start.busy.ns;
    const ours = treeCpuNs("self") + reapedChildrenNs() - start.ours;
    const elapsed = Number(process.hrtime.bigint() - start.at) * cpus;
    return Math.min(1, Math.max(0, (busy - ours) / elapsed));
  };
}
