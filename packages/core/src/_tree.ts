/**
 * `killTree` without a new session: the child stays in the caller's session and process group (so it keeps
 * the controlling terminal: ssh, sudo and git prompts still open /dev/tty), and its descendants are found
 * in a snapshot of the process table (`ps -A -o pid=,ppid=,pgid=`, POSIX, read by the adapter) taken just before
 * each signal, then signalled one by one.
 *
 * Every pid seen in a snapshot is remembered with its parent: once a process in the tree has died, its
 * children are re-parented (to init or a subreaper) and no longer hang below the child, so an escalation
 * (SIGKILL after `forceKillAfter`, or after the child exits) signals the remembered pids too, and walks
 * below them again. A remembered pid is trusted only while its parent is unchanged or gone: a changed
 * parent that is still alive means the pid was reused by an unrelated process.
 */
import type { ProcessAdapter, SpawnedChild } from "./adapter.js";
import type { Signal } from "./signals.js";

/** Parses `ps -A -o pid=,ppid=,pgid=` output into pid → parent pid, and pid → process group. */
export function parseProcessTable(text: string): { parents: Map<number, number>; groups: Map<number, number> } {
  const parents = new Map<number, number>();
  const groups = new Map<number, number>();
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) continue;
    const pid = Number(fields[0]);
    const ppid = Number(fields[1]);
    if (!Number.isInteger(pid) || !Number.isInteger(ppid) || pid <= 1) continue;
    parents.set(pid, ppid);
    const pgid = Number(fields[2]);
    if (Number.isInteger(pgid)) groups.set(pid, pgid);
  }
  return { parents, groups };
}

/** The pids of `roots` and of everything below them in `table` (the roots themselves included when present). */
export function descendants(table: ReadonlyMap<number, number>, roots: Iterable<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of table) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const found = new Set<number>();
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    if (found.has(pid)) continue;
    found.add(pid);
    for (const child of children.get(pid) ?? []) queue.push(child);
  }
  return found;
}

/** Signals one child's tree; made on the first `killTree` stop of that child. */
export class TreeKill {
  /** Every descendant seen so far, with the parent it had then. */
  private readonly seen = new Map<number, number>();

  constructor(
    private readonly adapter: ProcessAdapter,
    private readonly child: SpawnedChild,
    /** The child leads a process group of its own (`detached`, or an adapter without a process table). */
    private readonly group: boolean,
  ) {}

  /**
   * Sends `signal` to the child (while `running`) and to every descendant: those below it now, those seen
   * before and still there, and those below them. A detached child's group is signalled too, which also
   * reaches members that left the tree. Returns whether anything was signalled.
   */
  signal(signal: Signal, running: boolean): boolean {
    const text = this.adapter.processTable?.() ?? null;
    let sent = false;
    if (text !== null && this.adapter.signalProcess) {
      const { parents: table, groups } = parseProcessTable(text);
      const roots: number[] = running ? [this.child.pid] : [];
      for (const [pid, parent] of this.seen) {
        const now = table.get(pid);
        if (now === undefined) this.seen.delete(pid);
        else if (now === parent || !table.has(parent) || this.seen.has(now) || now === this.child.pid) roots.push(pid);
        else this.seen.delete(pid); // re-used by a process outside the tree
      }
      const tree = descendants(table, roots);
      tree.delete(this.child.pid);
      tree.delete(selfPid());
      for (const pid of tree) this.seen.set(pid, table.get(pid) as number);
      // A detached child's group at once (the leader with it); else the leader through its adapter, which
      // knows whether it has exited. Then the rest, each once: not again if the group kill reached it.
      if (this.group ? this.child.kill(signal, true) : running && this.child.kill(signal, false)) sent = true;
      for (const pid of tree) {
        if (this.group && groups.get(pid) === this.child.pid) continue;
        if (this.adapter.signalProcess(pid, signal)) sent = true;
      }
      return sent;
    }
    if (this.group) return this.child.kill(signal, true);
    return running && this.child.kill(signal, false);
  }
}

/** The caller's own pid, never signalled by a tree walk. */
function selfPid(): number {
  const g = globalThis as { process?: { pid?: number }; Deno?: { pid?: number } };
  return g.Deno?.pid ?? g.process?.pid ?? -1;
}
