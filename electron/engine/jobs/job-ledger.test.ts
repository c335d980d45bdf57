import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobLedger, MAX_FAILURE_KINDS, OTHER_REASONS } from './job-ledger';

/** A ledger with `n` jobs in flight. */
function inFlight(n: number): JobLedger {
  const ledger = new JobLedger();
  for (let i = 0; i < n; i++) {
    ledger.submit();
    ledger.dispatch();
  }
  return ledger;
}

describe('failure reasons', () => {
  it('reasons that differ only by the pid or thread they happened on are counted together', () => {
    const ledger = inFlight(3);
    ledger.fail('process 4242 killed by SIGKILL during the job');
    ledger.fail('process 4243 killed by SIGKILL during the job');
    ledger.fail('worker thread 7 exited with code 1 during the job');
    assert.deepEqual(ledger.failures, { 'process N killed by SIGKILL during the job': 2, 'worker thread N exited with code 1 during the job': 1 });
  });

  it(`past ${MAX_FAILURE_KINDS} kinds, new reasons share one key while known ones keep counting, so a reason carrying a per-job value cannot grow the table`, () => {
    const jobs = 3 * MAX_FAILURE_KINDS;
    const ledger = inFlight(jobs + 1);
    for (let i = 0; i < jobs; i++) ledger.fail(`wrong result for json(20000): got ${i.toString(16)}, expected 0`);
    ledger.fail('wrong result for json(20000): got 0, expected 0');
    assert.equal(Object.keys(ledger.failures).length, MAX_FAILURE_KINDS + 1);
    assert.equal(ledger.failures[OTHER_REASONS], jobs - MAX_FAILURE_KINDS);
    assert.equal(ledger.failures['wrong result for json(20000): got 0, expected 0'], 2);
    assert.equal(Object.values(ledger.failures).reduce((sum, n) => sum + n, 0), ledger.failed);
  });

  it('a reason named like an Object property is a reason like any other', () => {
    const ledger = inFlight(2);
    ledger.fail('constructor');
    ledger.fail('toString');
    assert.deepEqual(ledger.failures, { constructor: 1, toString: 1 });
  });
});

describe('cancelled jobs', () => {
  it('a queued job the stop cancels counts as cancelled, not failed, and the invariant holds', () => {
    const ledger = inFlight(1);
    ledger.submit();
    ledger.submit();
    ledger.cancel();
    ledger.cancel();
    const c = ledger.takeInterval(200);
    assert.deepEqual([c.cancelled, c.failed, c.queued, c.inFlight], [2, 0, 0, 1]);
    assert.equal(c.submitted, c.completed + c.failed + c.dropped + c.cancelled + c.queued + c.inFlight);
    assert.deepEqual(ledger.failures, {});
  });
});
