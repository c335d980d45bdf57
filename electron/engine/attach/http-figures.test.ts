import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentHttp } from '../../../shared/attach';
import { invariantHolds } from '../testing/harness';
import { HttpCounter } from './http-figures';
import { bucketOf } from './latency-buckets-stand-in';

const report = (started: number, ok: number, errors: number, aborted: number, latenciesMs: number[] = []): AgentHttp => ({
  started,
  finished: { '1xx': 0, '2xx': ok, '3xx': 0, '4xx': 0, '5xx': errors },
  aborted,
  latencyBuckets: latenciesMs.flatMap((ms) => [bucketOf(ms), 1]),
});

describe('HTTP figures of an attached app', () => {
  it('says nothing (null) until the app serves HTTP, then a figure every tick, zeros included', () => {
    const counter = new HttpCounter();
    counter.add(null);
    assert.equal(counter.takeTick(1), null);
    assert.equal(counter.overRun(1), null);
    counter.add(report(1, 1, 0, 0, [5]));
    assert.equal(counter.takeTick(1)?.finished['2xx'], 1);
    const quiet = counter.takeTick(1);
    assert.ok(quiet);
    assert.equal(quiet.started, 0);
    assert.equal(quiet.perSecond, 0);
    assert.equal(quiet.latency, null, 'no response in the tick: no latency, not 0 ms');
  });

  it('maps requests to jobs: below 500 completed, 5xx and aborted failed, the rest in flight, the invariant kept', () => {
    const counter = new HttpCounter();
    counter.add(report(10, 6, 1, 1, [1, 2, 3, 4, 5, 6, 7]));
    const jobs = counter.jobs(0.5);
    assert.deepEqual({ ...jobs, latency: null }, { submitted: 10, completed: 6, failed: 2, dropped: 0, cancelled: 0, queued: 0, inFlight: 2, retried: 0, throughput: 12, latency: null });
    assert.ok(jobs.latency && jobs.latency.p50 > 0 && jobs.latency.p99 >= jobs.latency.p50);
    assert.ok(invariantHolds(jobs));
    // A response whose start the agent never saw (it came before the agent): still a request, never a negative in flight.
    counter.add(report(0, 3, 0, 0));
    const later = counter.jobs(1);
    assert.equal(later.inFlight, 0);
    assert.ok(invariantHolds(later));
    const { jobs: total, failures } = counter.summaryJobs();
    assert.ok(invariantHolds(total));
    assert.deepEqual(failures, { 'HTTP 5xx response': 1, 'aborted before the response finished': 1 });
  });

  it('merges the latencies of many reports into one distribution', () => {
    const counter = new HttpCounter();
    for (let i = 0; i < 99; i++) counter.add(report(1, 1, 0, 0, [1]));
    counter.add(report(1, 1, 0, 0, [1_000]));
    const latency = counter.overRun(10)?.latency;
    assert.ok(latency);
    assert.ok(latency.p50 < 2 && latency.p99 < 2, 'p99 of 100 requests with one slow one is the fast ones');
    assert.ok(latency.max > 900, 'the slow one is the max');
  });
});
