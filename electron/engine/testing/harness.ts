/** Test helpers: run a real engine until a condition holds, collect what it emitted, inspect OS processes. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import type { LabEvent, LabMessage, Summary, Tick } from '../../../shared/messages';
import { LabEngine } from '../lab-engine';

/** Everything an engine emitted during a run. */
export interface Recording {
  ticks: Tick[];
  events: LabEvent[];
  summary: Summary;
}

/** Records an engine's messages. */
export function record(engine: LabEngine): { ticks: Tick[]; events: LabEvent[]; summaries: Summary[] } {
  const out = { ticks: [] as Tick[], events: [] as LabEvent[], summaries: [] as Summary[] };
  engine.onMessage((m: LabMessage) => {
    if (m.type === 'tick') out.ticks.push(m);
    else if (m.type === 'event') out.events.push(m);
    else out.summaries.push(m);
  });
  return out;
}

/** Waits until `condition` is true, polling; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The invariant every tick and the summary must keep: submitted = completed + failed + dropped + cancelled + queued + inFlight. */
export function invariantHolds(jobs: Tick['jobs'] | Summary['jobs']): boolean {
  return jobs.submitted === jobs.completed + jobs.failed + jobs.dropped + jobs.cancelled + jobs.queued + jobs.inFlight;
}

/** Pids of every descendant of `pid` (Linux/macOS `ps`). */
export function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    // `ps` is itself a child of the caller while it runs.
    .filter(([, , command]) => command !== 'ps')
    .map(([child, parent]) => [Number(child), Number(parent)]);
  const found: number[] = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const parent = frontier.pop() as number;
    for (const [child, ppid] of rows) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        frontier.push(child);
      }
    }
  }
  return found;
}

/**
 * OS threads of this process (Linux, from /proc); null where that is not available. Worker threads are OS
 * threads, so a thread the lab failed to end shows here even when no engine structure knows it any more.
 * Node starts its libuv pool (4 threads) on first use: start it (any fs promise) before taking a baseline.
 */
export function osThreadCount(): number | null {
  return existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : null;
}

/** True when a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sizes small enough that a test job takes a few ms. */
export const SMALL_SIZES = { fib: 20, hash: 2_000, json: 20_000, pixels: 20_000, 'io-wait': 5, 'hash-async': 2_000, 'sab-counter': 20_000 } as const;
