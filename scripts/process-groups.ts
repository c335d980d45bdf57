/**
 * Process groups the bench starts (each app of the agent bench is one, so a stop reaches all of its processes),
 * what is in them, and the CPU time they used: read from /proc with the lab's own readers (proc-scan.ts,
 * task-cpu.ts). Every group still tracked is SIGKILLed when the bench exits, whatever ended it.
 */
import { readdirSync } from 'node:fs';
import { listPids, readStat } from '../electron/engine/attach/proc-scan';
import { readRunTimeNs } from '../electron/engine/attach/task-cpu';

const tracked = new Set<number>();

/** Sends `signal` to group `pgid`; nothing when it is empty. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Nothing left in it.
  }
}

// An error that ends the bench must not leave an app running.
process.on('exit', () => {
  for (const pgid of tracked) killGroup(pgid, 'SIGKILL');
});

/** Group `pgid` is the bench's to end: SIGKILLed at exit unless {@link untrackGroup} came first. */
export function trackGroup(pgid: number): void {
  tracked.add(pgid);
}

export function untrackGroup(pgid: number): void {
  tracked.delete(pgid);
}

/** The pids of process group `pgid` now. */
export function groupPids(pgid: number): number[] {
  return listPids().filter((pid) => readStat(pid)?.pgid === pgid);
}

/** CPU time of every thread of `pids` so far, in ns. */
export function cpuNs(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) total += readRunTimeNs(pid, Number(tid)) ?? 0;
  }
  return total;
}
