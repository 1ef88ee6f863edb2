// Processes and file descriptors read from Linux procfs with node:fs only, so Node, Bun and Deno can all import it.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * One process as /proc/<pid>/stat describes it, or null once it is gone (or without procfs).
 * @returns {{ pid: number, comm: string, state: string, ppid: number, pgrp: number } | null}
 */
export function readStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    // fields after "(comm)": state ppid pgrp ...
    const [state, ppid, pgrp] = stat.slice(close + 2).split(" ");
    return { pid: Number(pid), comm: stat.slice(stat.indexOf("(") + 1, close), state, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return null;
  }
}

/** A process's argv, empty once it is a zombie; null once it is gone. */
export function readArgv(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return null;
  }
}

/** `pid argv...` of a process, cut to 200 characters, for reports; its `(comm)` once it is a zombie. */
export function describeProcess(pid) {
  const argv = readArgv(pid);
  if (argv === null) return `${pid} (gone)`;
  return `${pid} ${(argv.join(" ") || `(${readStat(pid)?.comm ?? "?"})`).slice(0, 200)}`;
}

/** Every process whose environment has `name=value` (a process's environment as it started). */
export function processesWithEnv(name, value) {
  const entry = `${name}=${value}`;
  let pids;
  try {
    pids = readdirSync("/proc").filter((dir) => /^\d+$/.test(dir));
  } catch {
    return [];
  }
  return pids.map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(entry);
    } catch {
      return false;
    }
  });
}

/** The direct children of `pid`, zombies included, from every thread's /proc/<pid>/task/<tid>/children. */
export function childPids(pid) {
  const children = [];
  let tasks;
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const tid of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ")) {
        if (child) children.push(Number(child));
      }
    } catch {
      // the thread ended while we looked
    }
  }
  return children;
}

/** Every descendant of `pid` (children, their children, ...) with its stat, parents before children. */
export function descendants(pid) {
  const found = [];
  const pending = childPids(pid);
  while (pending.length) {
    const stat = readStat(pending.shift());
    if (!stat) continue;
    found.push(stat);
    pending.push(...childPids(stat.pid));
  }
  return found;
}

/** Every process of group `pgid`, zombies included, with its stat. Empty without procfs. */
export function groupMembers(pgid) {
  let pids;
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids.map(readStat).filter((stat) => stat !== null && stat.pgrp === pgid);
}

/**
 * The live (not zombie) processes of group `pgid`, as `pid command`. Zombies are left out: where PID 1 does
 * not reap orphans they linger in the group without running.
 */
export function liveGroupMembers(pgid) {
  return groupMembers(pgid)
    .filter((stat) => stat.state !== "Z")
    .map((stat) => describeProcess(stat.pid));
}

/** This process's open file descriptors, fd → what it points at (`pipe:[123]`, a path, ...). */
export function openDescriptors() {
  const fds = new Map();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      fds.set(Number(fd), readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // closed while we looked (readdir's own descriptor, for one)
    }
  }
  return fds;
}
