/**
 * The app's processes as Linux's /proc tells them: which processes belong to it (its process group, or
 * descendants of a member that moved to a group of their own), their command lines, CPU share and resident
 * memory. This is how a non-Node child (a shell, a Python script) is seen at all, how the lab learns that a
 * process it heard from is gone, and how a Stop verifies nothing of the app is left.
 * Elsewhere than Linux there is no /proc: every scan finds nothing ({@link PROC_AVAILABLE} is false), so only
 * processes with the agent are seen, and a process is taken as gone when its agent's connection closes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Whether this machine has a Linux /proc. */
export const PROC_AVAILABLE = process.platform === 'linux' && existsSync('/proc/self/stat');

/** One reading of /proc/<pid>/stat: the fields the lab uses. */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** Process group id. */
  pgid: number;
  /** `R`, `S`, `D`, `Z` (zombie: ended, not yet reaped), ... */
  state: string;
  /** Its executable's name, as the kernel keeps it (15 characters at most). */
  comm: string;
  /** User and system CPU time, in clock ticks. */
  cpuTicks: number;
  /** When it started, in clock ticks since boot: with the pid, it names one process even after the pid is reused. */
  startTicks: number;
  /** Resident set size, in pages. */
  rssPages: number;
  /**
   * A zombie's exit status (field 52, Linux 3.5 on), as waitpid(2) reports it; null for a live process. The lab
   * reads a process's exit code here when its scan finds it ended but not yet reaped by its parent.
   */
  exitStatus: number | null;
}

/** A process's end, from a waitpid(2) status. */
export function exitOfStatus(status: number): { code: number | null; signal: string | null } {
  const signal = status & 0x7f;
  if (signal === 0) return { code: (status >> 8) & 0xff, signal: null };
  return { code: null, signal: signalName(signal) };
}

const SIGNAL_NAMES: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 10: 'SIGUSR1', 11: 'SIGSEGV', 12: 'SIGUSR2', 13: 'SIGPIPE', 14: 'SIGALRM', 15: 'SIGTERM' };
const signalName = (signal: number) => SIGNAL_NAMES[signal] ?? `signal ${signal}`;

/** /proc/<pid>/stat, or null when the process is gone (or this is not Linux). */
export function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // The name sits in parentheses and may hold spaces and parentheses itself: the fields start after the last ')'.
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const fields = text.slice(close + 2).trim().split(' ');
  // fields[0] is field 3 of proc(5): field n is fields[n - 3].
  const field = (n: number) => Number(fields[n - 3]);
  const exitStatus = fields[0] === 'Z' && fields.length >= 50 ? field(52) : null;
  return {
    pid,
    ppid: field(4),
    pgid: field(5),
    state: fields[0],
    comm: text.slice(text.indexOf('(') + 1, close),
    cpuTicks: field(14) + field(15),
    startTicks: field(22),
    rssPages: field(24),
    exitStatus: Number.isFinite(exitStatus) ? exitStatus : null,
  };
}

/** Its command line, arguments joined by spaces; null when gone or when the kernel keeps none (a zombie). */
export function readCommandLine(pid: number): string | null {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const command = text.split('\0').filter((part) => part.length > 0).join(' ');
    return command.length > 0 ? command : null;
  } catch {
    return null;
  }
}

/** Every pid /proc lists now. */
export function listPids(): number[] {
  if (!PROC_AVAILABLE) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** A `getconf` value, or `fallback` where there is none. */
function systemValue(name: string, fallback: number): number {
  try {
    const value = Number(execFileSync('getconf', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

let system: { clockTicks: number; pageSize: number } | null = null;
/** Clock ticks per second and the page size, asked once (Linux's usual 100 and 4096 when getconf is missing). */
function systemFacts(): { clockTicks: number; pageSize: number } {
  system ??= { clockTicks: systemValue('CLK_TCK', 100), pageSize: systemValue('PAGESIZE', 4096) };
  return system;
}

/** What one scan says of one live process of the app. */
export interface ProcReading {
  pid: number;
  ppid: number;
  pgid: number;
  /** Its command line, or its executable's name when the kernel keeps no command line. */
  command: string;
  /** CPU time of the whole process (every thread) over the time since the previous scan, as a share of one core; null on the first scan of it. */
  cpu: number | null;
  /** Resident set size, in bytes. */
  rss: number;
  /** When it started, epoch ms (to the clock tick, 10 ms on Linux). */
  startedAt: number;
}

/** What a scan found: the app's live processes, and the ones it knew that ended since (with their exit when a zombie told it). */
export interface ScanResult {
  alive: Map<number, ProcReading>;
  ended: Array<{ pid: number; exit: { code: number | null; signal: string | null } | null }>;
}

/** What the scan keeps of a member between scans. */
interface Member {
  startTicks: number;
  cpuTicks: number;
  at: number;
  /** The executable's name when {@link command} was read: a new one (an exec) has a new command line. */
  comm: string;
  command: string;
}

/**
 * The app's processes, scan by scan. A full scan reads every process of the machine to find new members: those
 * in the app's process group (the root's pid: the lab started it as a group leader) and descendants of a member
 * (a child that made a group of its own). A quick scan reads only the members it knows, plus the pids the lab
 * learned of otherwise ({@link adopt}: an agent's hello). A pid counts as the same process only while its start
 * time is the same: a reused pid is a stranger.
 */
export class ProcScan {
  private readonly members = new Map<number, Member>();

  constructor(
    /** The app's first process, leader of its process group. */
    readonly rootPid: number,
  ) {}

  /** A pid the lab learned of another way (the agent's hello): scanned from now on, while it lives. */
  adopt(pid: number): void {
    if (this.members.has(pid) || !PROC_AVAILABLE) return;
    const stat = readStat(pid);
    if (stat && !isEnded(stat)) this.members.set(pid, { startTicks: stat.startTicks, cpuTicks: stat.cpuTicks, at: performance.now(), comm: stat.comm, command: readCommandLine(pid) ?? stat.comm });
  }

  /** Reads the members (`full`: every process of the machine, to find new ones too). */
  scan(full: boolean): ScanResult {
    const result: ScanResult = { alive: new Map(), ended: [] };
    if (!PROC_AVAILABLE) return result;
    const now = performance.now();
    const bootedAt = bootEpochMs();
    const stats = new Map<number, ProcStat>();
    for (const pid of full ? listPids() : [this.rootPid, ...this.members.keys()]) {
      const stat = readStat(pid);
      if (stat) stats.set(pid, stat);
    }
    for (const [pid, member] of this.members) {
      const stat = stats.get(pid);
      if (stat && stat.startTicks === member.startTicks && !isEnded(stat)) continue;
      this.members.delete(pid);
      result.ended.push({ pid, exit: stat && stat.startTicks === member.startTicks && stat.exitStatus !== null ? exitOfStatus(stat.exitStatus) : null });
    }
    for (const stat of this.belonging(stats)) result.alive.set(stat.pid, this.reading(stat, now, bootedAt));
    return result;
  }

  /** The pids of the app still alive now (a full scan): empty once it has ended. */
  remaining(): number[] {
    return [...this.scan(true).alive.keys()];
  }

  /** The live processes of `stats` that are the app's: its group, the members known, and their descendants. */
  private belonging(stats: Map<number, ProcStat>): ProcStat[] {
    const found = new Map<number, ProcStat>();
    for (const stat of stats.values()) {
      if (isEnded(stat)) continue;
      const known = this.members.get(stat.pid);
      if (stat.pgid === this.rootPid || stat.pid === this.rootPid || (known && known.startTicks === stat.startTicks)) found.set(stat.pid, stat);
    }
    // Descendants that left the group, to a fixed point (a tree is shallow: a few rounds).
    for (let grew = true; grew; ) {
      grew = false;
      for (const stat of stats.values()) {
        if (!found.has(stat.pid) && found.has(stat.ppid) && !isEnded(stat)) {
          found.set(stat.pid, stat);
          grew = true;
        }
      }
    }
    return [...found.values()];
  }

  private reading(stat: ProcStat, now: number, bootedAt: number): ProcReading {
    const { clockTicks, pageSize } = systemFacts();
    const before = this.members.get(stat.pid);
    const elapsedS = before ? (now - before.at) / 1000 : 0;
    const cpu = before && elapsedS > 0 ? Math.max(0, (stat.cpuTicks - before.cpuTicks) / clockTicks / elapsedS) : null;
    // Read again only when the process runs another program (`sh -c 'exec node app.js'` keeps its pid).
    const command = before && before.comm === stat.comm ? before.command : (readCommandLine(stat.pid) ?? stat.comm);
    this.members.set(stat.pid, { startTicks: stat.startTicks, cpuTicks: stat.cpuTicks, at: now, comm: stat.comm, command });
    return { pid: stat.pid, ppid: stat.ppid, pgid: stat.pgid, command, cpu: cpu === null ? null : Math.round(cpu * 1000) / 1000, rss: stat.rssPages * pageSize, startedAt: Math.round(bootedAt + (stat.startTicks / clockTicks) * 1000) };
  }
}

/**
 * When the machine booted, epoch ms, from its uptime (/proc/uptime, to 10 ms): start times in /proc count from it.
 * Not /proc/stat's btime, which is in whole seconds.
 */
function bootEpochMs(): number {
  try {
    return Date.now() - Number(readFileSync('/proc/uptime', 'latin1').split(' ')[0]) * 1000;
  } catch {
    return Date.now();
  }
}

/** Ended (a zombie or dead) though still listed: it runs nothing any more. */
function isEnded(stat: ProcStat): boolean {
  return stat.state === 'Z' || stat.state === 'X' || stat.state === 'x';
}
