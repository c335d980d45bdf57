import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobAnnouncer } from './job-announcer';

const fib = { workload: 'fib', size: 27 } as const;

describe('job announcer', () => {
  it('announces the first job of a kind, not the next ones that ran in under a tenth of the report', () => {
    const announcer = new JobAnnouncer(200);
    assert.equal(announcer.announces(fib), true);
    announcer.ran(fib, 2);
    assert.equal(announcer.announces(fib), false);
    assert.equal(announcer.announces({ workload: 'fib', size: 31 }), true, 'another size is another kind');
  });

  it('announces again after a job of the kind ran long', () => {
    const announcer = new JobAnnouncer(200);
    announcer.ran(fib, 2);
    announcer.ran(fib, 20);
    assert.equal(announcer.announces(fib), true);
  });

  it('always announces a job carrying a fault and an I/O wait', () => {
    const announcer = new JobAnnouncer(200);
    announcer.ran(fib, 1);
    assert.equal(announcer.announces({ ...fib, fault: 'hang' }), true);
    assert.equal(announcer.announces({ workload: 'io-wait', size: 1 }), true);
  });
});
