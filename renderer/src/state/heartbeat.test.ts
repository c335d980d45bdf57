import { describe, expect, it } from 'vitest';
import { computeHeartbeat, heartbeatText, silenceThresholdMs } from './heartbeat';

const base = { connection: 'open' as const, running: true, lastTickAt: 10_000, intervalMs: 200, now: 10_000 };

describe('heartbeat', () => {
  it('is offline without a connection, idle without a run', () => {
    expect(computeHeartbeat({ ...base, connection: 'closed' })).toEqual({ status: 'offline' });
    expect(computeHeartbeat({ ...base, running: false })).toEqual({ status: 'idle' });
  });

  it('is alive while ticks arrive within two intervals', () => {
    expect(computeHeartbeat({ ...base, now: 10_400 })).toEqual({ status: 'alive' });
    expect(computeHeartbeat({ ...base, now: 10_500 })).toEqual({ status: 'silent', silentS: 0.5 });
  });

  it('says how long the host has been silent beyond two intervals, to a tenth of a second', () => {
    const heartbeat = computeHeartbeat({ ...base, now: 11_370 });
    expect(heartbeat).toEqual({ status: 'silent', silentS: 1.3 });
    expect(heartbeatText(heartbeat)).toBe('host silent for 1.3 s');
  });

  it('never calls a gap under 250 ms silence, even with a 50 ms interval', () => {
    expect(silenceThresholdMs(50)).toBe(250);
    expect(computeHeartbeat({ ...base, intervalMs: 50, now: 10_200 }).status).toBe('alive');
    expect(computeHeartbeat({ ...base, intervalMs: 50, now: 10_300 }).status).toBe('silent');
  });
});
