import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuShare, readThreadCpu } from './thread-cpu';

const PROC_TICK = 10_000;

describe('thread cpu share', () => {
  it('is null over a window too short for a clock of 10 ms steps, where 10 ms read in 1.56 ms would be 6.4 cores', () => {
    assert.equal(cpuShare({ micros: 0, stepMicros: PROC_TICK }, { micros: 10_000, stepMicros: PROC_TICK }, 1.56), null);
  });

  it('never exceeds one core, whatever the readings', () => {
    assert.equal(cpuShare({ micros: 0, stepMicros: PROC_TICK }, { micros: 60_000, stepMicros: PROC_TICK }, 50), 1);
  });

  it('is the share of one core over a window long enough for the clock', () => {
    assert.equal(cpuShare({ micros: 0, stepMicros: PROC_TICK }, { micros: 100_000, stepMicros: PROC_TICK }, 200), 0.5);
  });

  it('measures short windows with a fine clock', () => {
    assert.equal(cpuShare({ micros: 0, stepMicros: 1 }, { micros: 500, stepMicros: 1 }, 1), 0.5);
  });

  it('reads a clock that moves forward with the work of this thread', () => {
    const before = readThreadCpu();
    if (before === null) return; // No thread clock on this platform: callers fall back to utilisation.
    const end = performance.now() + 60;
    while (performance.now() < end);
    const after = readThreadCpu();
    assert.ok(after !== null && after.micros > before.micros, `${before.micros} -> ${after?.micros}`);
  });
});
