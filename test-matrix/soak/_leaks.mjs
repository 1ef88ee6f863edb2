// Leak probes of the workload: live descendants, zombies, orphans left in its process group, open descriptors.
import process from "node:process";
import { descendants, describeProcess, groupMembers, openDescriptors, readStat } from "../lib/procfs.mjs";

const POLL_MS = 50;
const MAX_LISTED = 10;

/**
 * @typedef {object} Snapshot
 * @property {Map<number, string>} fds open descriptors, fd → target
 * @property {string[]} children live descendants of this process, and live orphans still in its process group
 * @property {string[]} zombies descendants in state Z (exited, never reaped)
 */

/** @returns {Snapshot} */
export function snapshot() {
  const self = process.pid;
  const tree = descendants(self);
  const live = new Set(tree.filter((p) => p.state !== "Z").map((p) => p.pid));
  // A grandchild whose parent was killed is re-parented out of this tree but stays in this process group;
  // the group is only ours to search when this process leads it (run.mjs starts it so).
  if (readStat(self)?.pgrp === self) {
    for (const p of groupMembers(self)) if (p.pid !== self && p.state !== "Z") live.add(p.pid);
  }
  return {
    fds: openDescriptors(),
    children: [...live].map(describeProcess),
    zombies: tree.filter((p) => p.state === "Z").map((p) => describeProcess(p.pid)),
  };
}

/**
 * Compares now with `before`, waiting up to `graceMs` for children to go and descriptors to close.
 * @param {Snapshot} before
 */
export async function leaksSince(before, graceMs) {
  const started = performance.now();
  // one turn of the event loop first, so an unhandled rejection of the last call is reported before we look
  await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  let now = snapshot();
  while (!isClean(before, now) && performance.now() - started < graceMs) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    now = snapshot();
  }
  const extraFds = [...now.fds].filter(([fd, target]) => before.fds.get(fd) !== target).map(([fd, target]) => `${fd} → ${target}`);
  return {
    fds: { before: before.fds.size, after: now.fds.size },
    extraFds: now.fds.size > before.fds.size ? extraFds.slice(0, MAX_LISTED) : [],
    leftoverChildren: now.children.slice(0, MAX_LISTED),
    leftoverCount: now.children.length,
    zombies: now.zombies.slice(0, MAX_LISTED),
    zombieCount: now.zombies.length,
    settleMs: Math.round(performance.now() - started),
  };
}

const isClean = (before, now) => now.fds.size <= before.fds.size && now.children.length === 0 && now.zombies.length === 0;
