/**
 * The chaos monkey of `npm run soak -- --chaos`: a separate process, so its blows come from outside the lab as
 * a user's `kill` would. The soak forks it and feeds it the units of every tick over IPC; at random times (about
 * ten a minute, chaos-plan.ts) it SIGKILLs a unit process, or SIGSTOPs one and sends SIGCONT a few seconds later,
 * or asks the soak to kill a thread unit with the user's kill (no process can signal another's thread).
 * It reports every blow back. It never outlives the soak: when its channel closes it thaws what it froze and
 * leaves, and its timers never keep it alive on their own.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CHAOS, nextWaitMs, pickAction, seededRandom, type ChaosAction, type ChaosOptions, type ChaosTarget, type Random } from './chaos-plan';
import type { FromMonkey, ToMonkey } from './chaos-messages';

let targets: ChaosTarget[] = [];
let options: ChaosOptions | null = null;
let random: Random = Math.random;
let next: NodeJS.Timeout | null = null;
/** Frozen pids and the timer that thaws each. */
const frozen = new Map<number, NodeJS.Timeout>();

function tell(message: FromMonkey): void {
  if (process.connected) process.send?.(message);
}

/**
 * True when `pid` is a child of the soak (this monkey's parent), as every unit process is (fork, spawn, execFile
 * and cluster workers are the host's children). The targets come from the latest tick, up to half a second old:
 * a unit may have ended since and its pid been given to some other process of the machine, which must never
 * get a signal from here. Linux (/proc); elsewhere the check cannot be made and the signal is not sent.
 */
function childOfSoak(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces and parentheses: the fields after its last ')' are fixed.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === process.ppid;
  } catch {
    return false;
  }
}

/** Sends `signal` to `pid`; the error's code when it could not (ESRCH: it had ended; NOTCHILD: not the soak's). */
function signal(pid: number, name: NodeJS.Signals): string | undefined {
  if (!childOfSoak(pid)) return 'NOTCHILD';
  try {
    process.kill(pid, name);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

function thaw(pid: number, unitId: string): void {
  const timer = frozen.get(pid);
  if (timer) clearTimeout(timer);
  frozen.delete(pid);
  tell({ type: 'thawed', unitId, pid, ok: signal(pid, 'SIGCONT') === undefined });
}

function strike(action: ChaosAction): void {
  if (action.kind === 'thread-kill') return tell({ type: 'struck', action, ok: true });
  if (action.kind === 'sigkill') {
    const error = signal(action.pid, 'SIGKILL');
    return tell({ type: 'struck', action, ok: error === undefined, ...(error ? { error } : {}) });
  }
  const error = signal(action.pid, 'SIGSTOP');
  tell({ type: 'struck', action, ok: error === undefined, ...(error ? { error } : {}) });
  if (error) return;
  frozen.set(action.pid, setTimeout(() => thaw(action.pid, action.unitId), action.forMs));
}

/** One blow at a target picked now, or `idle` when none is alive. */
function strikeOne(): void {
  if (!options) return;
  const action = pickAction(targets, random, options, new Set(frozen.keys()));
  if (action) strike(action);
  else tell({ type: 'idle' });
}

function schedule(): void {
  if (!options) return;
  next = setTimeout(() => {
    strikeOne();
    schedule();
  }, nextWaitMs(random, options.perMinute));
}

/** Stops striking and thaws every frozen process (a frozen one must never be left behind). */
function end(): void {
  options = null;
  if (next) clearTimeout(next);
  for (const [pid, timer] of frozen) {
    clearTimeout(timer);
    signal(pid, 'SIGCONT');
  }
  frozen.clear();
  tell({ type: 'ended' });
  if (process.connected) process.disconnect();
}

process.on('message', (message: ToMonkey) => {
  if (message.type === 'targets') targets = message.targets;
  else if (message.type === 'begin') {
    const { seed, perMinute, freezeMs, freezeShare, protectedPids } = message;
    random = seededRandom(seed);
    options = { ...DEFAULT_CHAOS, perMinute, freezeMs, freezeShare, protectedPids: [...protectedPids, process.pid] };
    schedule();
  } else if (message.type === 'strike-now') strikeOne();
  else if (message.type === 'end') end();
});
// The soak died or let go: thaw and leave.
process.on('disconnect', () => {
  if (options) end();
});
