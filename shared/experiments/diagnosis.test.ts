import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, DIAGNOSIS_THRESHOLDS as T } from './diagnosis';
import { FakeRun, type TickShape } from './fake-run';

/** Five seconds of ticks with `shape`, after five calm ones. */
function recent(shape: TickShape): FakeRun {
  return new FakeRun().stretch(0, 5_000, { completed: 10, throughput: 50 }).stretch(5_000, 10_000, { completed: 10, throughput: 50, ...shape });
}

const ids = (run: FakeRun) => diagnose(run.ticks, run.events).map((f) => f.id);

describe('live diagnosis', () => {
  it('says nothing about a calm run', () => {
    assert.deepEqual(ids(recent({})), []);
  });

  it('says nothing on fewer ticks than its minimum', () => {
    const run = new FakeRun().stretch(0, 400, { hostEldP99: 80 });
    assert.equal(run.ticks.length, T.minTicks - 1);
    assert.deepEqual(diagnose(run.ticks), []);
  });

  it('names a blocked host loop with its numbers, and says where the jobs run', () => {
    const findings = diagnose(recent({ hostEldP99: 16, hostEldMax: 30, strategy: 'main-thread' }).ticks);
    assert.equal(findings.length, 1);
    assert.deepEqual({ id: findings[0].id, severity: findings[0].severity }, { id: 'host-loop-blocked', severity: 'warning' });
    assert.match(findings[0].message, /blocked 16 ms at p99 \(max 30 ms\): CPU work on the main thread\? \(jobs run on the main thread\)/);
  });

  it('a delayed host loop whose own thread is mostly idle while the units keep the cores busy: it waits for a core', () => {
    const pool = Array.from({ length: 16 }, (_, i) => ({ id: `w${i}`, done: 5, cpu: 0.12 }));
    const findings = diagnose(recent({ hostEldP99: 18, hostEldMax: 57, hostElu: 0.1, strategy: 'worker-pool', units: pool }).ticks);
    assert.equal(findings[0].id, 'host-loop-blocked');
    assert.match(findings[0].message, /delayed 18 ms at p99 \(max 57 ms\) while its own thread is busy only 10% of the time: the units use 1\.9 cores between them/);
    assert.doesNotMatch(findings[0].message, /CPU work on the main thread/);
  });

  it('the host busy with its own work, or units that use little CPU: the delay is its own', () => {
    const pool = Array.from({ length: 16 }, (_, i) => ({ id: `w${i}`, done: 5, cpu: 0.12 }));
    const ownWork = diagnose(recent({ hostEldP99: 18, hostEldMax: 57, hostElu: 0.9, strategy: 'worker-pool', units: pool }).ticks);
    assert.match(ownWork[0].message, /CPU work on the main thread\?/);
    const idleUnits = pool.map((u) => ({ ...u, cpu: 0.01 }));
    const quiet = diagnose(recent({ hostEldP99: 18, hostEldMax: 57, hostElu: 0.1, strategy: 'worker-pool', units: idleUnits }).ticks);
    assert.match(quiet[0].message, /CPU work on the main thread\?/);
  });

  it('a single stall over 100 ms is critical even when p99 is low', () => {
    const findings = diagnose(recent({ hostEldP99: 1, hostEldMax: (i) => (i === 3 ? 150 : 2) }).ticks);
    assert.equal(findings[0].severity, 'critical');
  });

  it('looks only at the recent window: an old block is forgotten', () => {
    const run = new FakeRun().stretch(0, 5_000, { hostEldP99: 60 }).stretch(5_000, 10_000, {});
    assert.deepEqual(ids(run), []);
  });

  it('names a saturated loop', () => {
    assert.deepEqual(ids(recent({ hostElu: 0.97 })), ['host-loop-saturated']);
  });

  it('tells a queue that keeps growing from one that bursts and drains', () => {
    assert.deepEqual(ids(recent({ queued: (i) => i * 10 })), ['queue-growing']);
    assert.deepEqual(ids(recent({ queued: (i) => (i % 4) * 30 })), []);
  });

  it('counts drops and a high share of failures', () => {
    assert.deepEqual(ids(recent({ dropped: 3 })), ['jobs-dropped']);
    assert.deepEqual(ids(recent({ failed: 2 })), ['jobs-failing']);
    assert.deepEqual(ids(recent({ failed: (i) => (i === 0 ? 1 : 0) })), [], 'one failure in 250 jobs is under 5%');
  });

  it('names a crash loop, but not a crash or two', () => {
    const run = recent({});
    run.exited(6_000, 'a', 'crash').exited(7_000, 'b', 'crash');
    assert.deepEqual(ids(run), []);
    run.exited(8_000, 'c', 'crash');
    assert.deepEqual(ids(run), ['units-crashing']);
    run.exited(8_500, 'd', 'injected').exited(8_600, 'e', 'killed');
    assert.equal(diagnose(run.ticks, run.events).length, 1, 'an injected fault or a kill is not a crash of the unit\'s own');
  });

  it('notes blocked units and startups paid per job, as information', () => {
    const blocked = diagnose(recent({ units: [{ id: 'u1', done: 3, blocked: true }] }).ticks);
    assert.deepEqual(blocked.map((f) => [f.id, f.severity]), [['units-blocked', 'info']]);
    const perJob = diagnose(recent({ startups: 10, startupP50: 33 }).ticks);
    assert.deepEqual(perJob.map((f) => f.id), ['startup-per-job']);
    assert.match(perJob[0].message, /240 units started for 240 jobs, 33 ms each at p50/);
  });

  it("speaks of an attached app's requests, threads and main thread, not of the lab's jobs and units", () => {
    const app = (shape: TickShape) => diagnose(recent({ strategy: 'attached', ...shape }).ticks).map((f) => f.message);
    assert.match(app({ hostEldP99: 16, hostEldMax: 30 })[0], /^the app's main thread's event loop is blocked 16 ms at p99 \(max 30 ms\)/);
    assert.match(app({ failed: 2 })[0], /of \d+ HTTP requests failed .*5xx responses or aborted/);
    assert.match(app({ units: [{ id: 'u1', done: 3, blocked: true }] })[0], /^1 of the app's threads held by a long task/);
    for (const message of [...app({ hostEldP99: 16 }), ...app({ failed: 2 }), ...app({ units: [{ id: 'u1', done: 3, blocked: true }] })]) {
      assert.doesNotMatch(message, /\bjobs?\b|\bunits?\b/, message);
    }
  });

  it('lists the most severe findings first', () => {
    const findings = diagnose(recent({ queued: (i) => i * 10, startups: 10, hostEldP99: 20 }).ticks);
    assert.deepEqual(findings.map((f) => [f.id, f.severity]), [
      ['queue-growing', 'critical'],
      ['host-loop-blocked', 'warning'],
      ['startup-per-job', 'info'],
    ]);
  });
});
