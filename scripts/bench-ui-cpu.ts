/**
 * CPU time used by a Chromium this process launched, read from /proc (Linux): every process under this one whose
 * command is chromium, and their children. Frame times on a shared machine mostly measure the other tenants;
 * CPU time measures what the page itself costs, whatever else runs.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, clock ticks. */
  ticks: number;
}

/** Linux's USER_HZ: /proc reports CPU time in hundredths of a second on every mainstream kernel. */
const CLOCK_TICKS_PER_S = 100;

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone, or not Linux
  }
}

/** ms of CPU used so far by the Chromium processes under `root` (this process by default); 0 where /proc is absent. */
export function chromiumCpuMs(root: number = process.pid): number {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return 0;
  }
  const procs = pids.map(readProc).filter((p): p is Proc => p !== null);
  const inside = new Set<number>();
  for (const p of procs) if (p.ppid === root && p.comm.startsWith('chromium')) inside.add(p.pid);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!inside.has(p.pid) && inside.has(p.ppid)) {
        inside.add(p.pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const p of procs) if (inside.has(p.pid)) ticks += p.ticks;
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}
