import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentHttp } from '../../../shared/attach';
import { invariantHolds } from '../testing/harness';
import { HttpCounter } from './http-figures';
import { bucketOf } from '../../../shared/attach/latency-buckets';

const report = (started: number, ok: number, errors: number, aborted: number, latenciesMs: number[] = [], inFlight = 0): AgentHttp => ({
  started,
  finished: { '1xx': 0, '2xx': ok, '3xx': 0, '4xx': 0, '5xx': errors },
  aborted,
  inFlight,
  latencyBuckets: latenciesMs.flatMap((ms) => [bucketOf(ms), 1]),
});

describe('HTTP figures of an attached app', () => {
  it('says nothing (null) until the app serves HTTP, then a figure every tick, zeros included', () => {
    const counter = new HttpCounter();
    counter.add(null, 'app-1', 1000);
    assert.equal(counter.takeTick(1), null);
    assert.equal(counter.overRun(1), null);
    counter.add(report(1, 1, 0, 0, [5]), 'app-1', 1000);
    assert.equal(counter.takeTick(1)?.finished['2xx'], 1);
    // Once it has served, its agent reports a figure every interval, zeros included.
    counter.add(report(0, 0, 0, 0), 'app-1', 1000);
    const quiet = counter.takeTick(1);
    assert.ok(quiet);
    assert.equal(quiet.started, 0);
    assert.equal(quiet.perSecond, 0);
    assert.equal(quiet.latency, null, 'no response in the tick: no latency, not 0 ms');
  });

  it('maps requests to jobs: below 500 completed, 5xx and aborted failed, the rest in flight, the invariant kept', () => {
    const counter = new HttpCounter();
    counter.add(report(10, 6, 1, 1, [1, 2, 3, 4, 5, 6, 7], 2), 'app-1', 500);
    const jobs = counter.jobs(0.5);
    assert.deepEqual({ ...jobs, latency: null }, { submitted: 10, completed: 6, failed: 2, dropped: 0, cancelled: 0, queued: 0, inFlight: 2, retried: 0, throughput: 12, latency: null });
    assert.ok(jobs.latency && jobs.latency.p50 > 0 && jobs.latency.p99 >= jobs.latency.p50);
    assert.ok(invariantHolds(jobs));
    // In flight is the threads' last word, not deltas added up: a lost report cannot leave a request in flight forever.
    counter.add(report(0, 1, 0, 0, [], 1), 'app-1', 1000);
    counter.add(report(4, 0, 0, 0, [], 4), 'app-2', 1000);
    const later = counter.jobs(1);
    assert.equal(later.inFlight, 5);
    assert.ok(invariantHolds(later));
    // A thread that ends takes its requests in flight with it: aborted, not vanished (submitted never shrinks).
    counter.threadEnded('app-2');
    const ended = counter.jobs(1);
    assert.equal(ended.inFlight, 1);
    assert.equal(ended.submitted, later.submitted);
    assert.ok(invariantHolds(ended));
    const { jobs: total, failures } = counter.summaryJobs();
    assert.ok(invariantHolds(total));
    assert.deepEqual(failures, { 'HTTP 5xx response': 1, 'aborted before the response finished': 5 });
  });

  it('merges the latencies of many reports into one distribution', () => {
    const counter = new HttpCounter();
    for (let i = 0; i < 99; i++) counter.add(report(1, 1, 0, 0, [1]), 'app-1', 1000);
    counter.add(report(1, 1, 0, 0, [1_000]), 'app-2', 1000);
    const latency = counter.overRun(10)?.latency;
    assert.ok(latency);
    assert.ok(latency.p50 < 2 && latency.p99 < 2, 'p99 of 100 requests with one slow one is the fast ones');
    assert.ok(latency.max > 900, 'the slow one is the max');
  });

  it('rates each thread over the window its reports cover: a late report is no spike, a tick without one no gap', () => {
    const counter = new HttpCounter();
    // Two threads at 100 responses a second; b's loop was held 2 s, and its report of those 2 s lands in a 0.2 s tick.
    counter.add(report(20, 20, 0, 0), 'a', 200);
    counter.add(report(200, 200, 0, 0), 'b', 2_000);
    assert.equal(counter.jobs(0.2).throughput, 200);
    assert.equal(counter.takeTick(0.2)?.perSecond, 200);
    // Next tick: a reports twice (its timer and the tick drift apart), b not at all (it keeps its last rate once).
    counter.add(report(10, 10, 0, 0), 'a', 100);
    counter.add(report(10, 10, 0, 0), 'a', 100);
    assert.equal(counter.takeTick(0.2)?.perSecond, 200);
    // A third tick with b still silent: its rate is not carried twice.
    counter.add(report(20, 20, 0, 0), 'a', 200);
    assert.equal(counter.takeTick(0.2)?.perSecond, 100);
    // 5xx are responses, not answers: in perSecond, not in the jobs' throughput.
    counter.add(report(20, 10, 10, 0), 'a', 200);
    assert.equal(counter.jobs(0.2).throughput, 50);
    assert.equal(counter.takeTick(0.2)?.perSecond, 100);
  });
});
