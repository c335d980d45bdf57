import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { exitFacts, killedFromOutside, type ExitWitnesses } from './exit-verdict';
import { InjectedFaults } from './injected-faults';
import { JobNotices } from './job-notices';
import type { UnitExit, UnitHandle } from './unit-handle';
import { newUnitRecord } from './unit-record';

const handle: UnitHandle = { kind: 'process', pid: 4242, threadId: null, stop: () => undefined, kill: () => undefined, exited: new Promise(() => undefined) };
const unit = () => newUnitRecord(handle, { id: 'child-process#1/pid-4242', strategy: 'child-process', generation: 1, oneShot: false, createdAt: performance.now() });
const witnesses = (closing = false): ExitWitnesses => ({ closing, faults: new InjectedFaults(), notices: new JobNotices(), memoryLimitMb: 0, lastTimeoutMs: undefined });
const bySignal = (signal: string, labSignalled: boolean): UnitExit => ({ code: null, signal, labSignalled });

describe('a kill from outside the lab', () => {
  it('is a process death by a signal the lab did not send', () => {
    assert.equal(killedFromOutside(bySignal('SIGKILL', false)), true);
    assert.equal(killedFromOutside(bySignal('SIGTERM', false)), true);
    assert.equal(killedFromOutside(bySignal('SIGINT', false)), true);
  });

  it('is not a signal the lab sent (its grace, a timeout, the kill button), nor an exit with a code, nor a thread', () => {
    assert.equal(killedFromOutside(bySignal('SIGKILL', true)), false);
    assert.equal(killedFromOutside({ code: 1, signal: null, labSignalled: false }), false);
    assert.equal(killedFromOutside({ code: 1, signal: null }), false);
  });

  it('is not a signal a process raises on itself when it faults: that stays a crash', () => {
    for (const signal of ['SIGABRT', 'SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE']) assert.equal(killedFromOutside(bySignal(signal, false)), false, signal);
    assert.equal(exitFacts(unit(), bySignal('SIGABRT', false), witnesses()).cause, 'crash');
  });

  it('reads external with its signal in words, even while the strategy is closing (a kill during a drain or a stop)', () => {
    assert.deepEqual(exitFacts(unit(), bySignal('SIGKILL', false), witnesses()), {
      cause: 'external',
      code: null,
      signal: 'SIGKILL',
      detail: 'killed from outside the lab by SIGKILL',
    });
    assert.equal(exitFacts(unit(), bySignal('SIGKILL', false), witnesses(true)).cause, 'external');
    // The lab's own kill after the grace is a stop.
    assert.equal(exitFacts(unit(), bySignal('SIGKILL', true), witnesses(true)).cause, 'stop');
  });

  it('the user’s kill and a timeout stay the lab’s: the lab sent their signal', () => {
    const killed = unit();
    killed.expectedExit = 'killed';
    assert.equal(exitFacts(killed, bySignal('SIGKILL', true), witnesses()).cause, 'killed');
    const timedOut = unit();
    timedOut.expectedExit = 'timeout';
    assert.equal(exitFacts(timedOut, bySignal('SIGKILL', true), witnesses()).cause, 'timeout');
  });
});
