/**
 * Whether the host is alive, computed from when the last tick arrived. The host sends a tick every interval
 * from its own event loop, so when ticks stop while a run is going the host's loop is blocked (a CPU job under
 * `main-thread`): the UI says so in plain words instead of just freezing.
 */

export type ConnectionState = 'connecting' | 'open' | 'closed';

export type Heartbeat =
  | { status: 'offline' }
  | { status: 'idle' }
  | { status: 'alive' }
  | { status: 'silent'; /** Seconds since the last tick, one decimal. */ silentS: number };

export interface HeartbeatInput {
  connection: ConnectionState;
  running: boolean;
  /** Clock time (ms) of the last tick, or of the run start before the first tick; null if neither. */
  lastTickAt: number | null;
  intervalMs: number;
  now: number;
}

/** Ticks may be late by scheduling jitter; a gap counts as silence only beyond two intervals (and never below 250 ms). */
export function silenceThresholdMs(intervalMs: number): number {
  return Math.max(2 * intervalMs, 250);
}

export function computeHeartbeat(input: HeartbeatInput): Heartbeat {
  if (input.connection !== 'open') return { status: 'offline' };
  if (!input.running || input.lastTickAt === null) return { status: 'idle' };
  const gap = input.now - input.lastTickAt;
  if (gap <= silenceThresholdMs(input.intervalMs)) return { status: 'alive' };
  return { status: 'silent', silentS: Math.floor(gap / 100) / 10 };
}

export function sameHeartbeat(a: Heartbeat, b: Heartbeat): boolean {
  return a.status === b.status && (a.status !== 'silent' || a.silentS === (b as { silentS: number }).silentS);
}

export function heartbeatText(heartbeat: Heartbeat): string {
  switch (heartbeat.status) {
    case 'offline':
      return 'not connected to the lab';
    case 'idle':
      return 'host idle (no run)';
    case 'alive':
      return 'host alive';
    case 'silent':
      return `host silent for ${heartbeat.silentS.toFixed(1)} s`;
  }
}
