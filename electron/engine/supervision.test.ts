import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULTS } from '../../shared/constants';
import type { LabEvent, Tick, UnitExitedEvent, UnitTick } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';
import { LabEngine } from './lab-engine';
import { alive, invariantHolds, record, waitFor } from './testing/harness';
import { assertNothingLeft } from './testing/leak-check';

const exits = (events: LabEvent[]) => events.filter((e): e is UnitExitedEvent => e.event === 'unit-exited');
/** The exited row a tick lists for `unitId`: the same facts as its event, for a reader of the ticks alone. */
const exitedRow = (ticks: Tick[], unitId: string) => ticks.flatMap((t) => t.units).find((u) => u.id === unitId && u.state === 'exited');
/** The event's exit facts, as the tick row carries them. */
const factsOf = ({ cause, code, signal, detail, fault }: UnitExitedEvent) => ({ cause, code, signal, ...(detail !== undefined ? { detail } : {}), ...(fault !== undefined ? { fault } : {}) });
const starts = (events: LabEvent[]) => events.filter((e) => e.event === 'unit-started');

async function running(config: Partial<RunConfig>) {
  const engine = new LabEngine();
  const rec = record(engine);
  const result = await engine.start({ workload: 'fib', size: 20, poolSize: 2, intervalMs: 100, ...config });
  assert.ok(result.ok, JSON.stringify(result));
  const liveIds = () => (rec.ticks.at(-1)?.units ?? []).filter((u) => u.state === 'idle' || u.state === 'busy').map((u) => u.id);
  const finish = async () => {
    await engine.stop();
    const summary = rec.summaries[0];
    assert.ok(rec.ticks.every((t) => invariantHolds(t.jobs)), 'invariant in every tick');
    assert.ok(invariantHolds(summary.jobs));
    assert.equal(summary.unitsAlive, 0, 'no unit left alive');
    return summary;
  };
  return { engine, rec, liveIds, finish };
}

// Stops the file when an engine left a process or a listening socket behind.
after(() => assertNothingLeft());

describe('supervision: a unit that dies is reported, told apart from a voluntary exit, and replaced', () => {
  for (const strategy of ['worker-pool', 'child-process', 'cluster'] as const) {
    it(`${strategy}: a unit the user kills is reported as killed, in its event and its tick row, and replaced`, async () => {
      const { engine, rec, liveIds, finish } = await running({ strategy, rate: 40 });
      await waitFor(() => liveIds().length === 2, 10_000, 'two live units');
      const victim = liveIds()[0];
      const result = await engine.crash({ unitId: victim });
      assert.ok(result.ok);
      await waitFor(() => exits(rec.events).some((e) => e.unitId === victim), 5_000, 'the exit event');
      await waitFor(() => liveIds().length === 2 && !liveIds().includes(victim), 10_000, 'a replacement');
      const exit = exits(rec.events).find((e) => e.unitId === victim) as UnitExitedEvent;
      assert.equal(exit.cause, 'killed');
      assert.equal(exit.voluntary, false);
      assert.match(exit.detail ?? '', /killed by the user/);
      assert.deepEqual(exitedRow(rec.ticks, victim)?.exit, factsOf(exit));
      assert.ok(exit.signal === 'SIGKILL' || exit.code !== 0, `code ${exit.code} signal ${exit.signal}`);
      assert.ok(starts(rec.events).length >= 3, 'a replacement unit started');
      const completedThen = rec.ticks.at(-1)?.jobs.completed ?? 0;
      await waitFor(() => (rec.ticks.at(-1)?.jobs.completed ?? 0) > completedThen + 5, 10_000, 'jobs to go on after the restart');
      await finish();
      // Stop ends the others voluntarily and starts nothing new; the last tick lists them stopped.
      const stopped = exits(rec.events).filter((e) => e.unitId !== victim);
      assert.ok(stopped.every((e) => e.voluntary && e.cause === 'stop'));
      for (const e of stopped) assert.deepEqual(exitedRow(rec.ticks, e.unitId)?.exit, { cause: 'stop', code: e.code, signal: e.signal });
    });
  }

  for (const strategy of ['child-process', 'cluster'] as const) {
    it(`${strategy}: a process killed from outside (SIGKILL from a separate kill process) reads external, not crash, and is replaced`, async () => {
      const { rec, liveIds, finish } = await running({ strategy, rate: 40 });
      await waitFor(() => liveIds().length === 2, 10_000, 'two live units');
      const victim = (rec.ticks.at(-1)?.units ?? []).find((u) => u.id === liveIds()[0]) as UnitTick;
      // Another process sends it, as a user's `kill -9` or a task manager would: nothing of the lab's.
      execFileSync('kill', ['-KILL', String(victim.pid)]);
      await waitFor(() => exits(rec.events).some((e) => e.unitId === victim.id), 5_000, 'the exit event');
      const exit = exits(rec.events).find((e) => e.unitId === victim.id) as UnitExitedEvent;
      assert.equal(exit.cause, 'external');
      assert.equal(exit.signal, 'SIGKILL');
      assert.equal(exit.voluntary, false);
      assert.equal(exit.detail, 'killed from outside the lab by SIGKILL');
      assert.ok(rec.events.some((e) => e.event === 'error' && e.message === `${victim.id} was killed from outside the lab by SIGKILL; restarting after backoff`));
      await waitFor(() => starts(rec.events).some((e) => e.event === 'unit-started' && e.replaces === victim.id), 15_000, 'its replacement');
      await waitFor(() => liveIds().length === 2, 10_000, 'two live units again');
      await finish();
      assert.deepEqual(exitedRow(rec.ticks, victim.id)?.exit, factsOf(exit));
      assert.equal(exits(rec.events).filter((e) => e.cause === 'crash').length, 0, 'no exit read as a crash');
    });
  }

  it('a process frozen from outside (SIGSTOP) reads blocked while frozen and answers again after SIGCONT', async () => {
    // Few jobs: the frozen process may stay idle in the engine's eyes, the case its silence alone must tell.
    const { rec, liveIds, finish } = await running({ strategy: 'child-process', rate: 2 });
    await waitFor(() => liveIds().length === 2, 10_000, 'two live units');
    const victim = (rec.ticks.at(-1)?.units ?? []).find((u) => u.id === liveIds()[0]) as UnitTick;
    const rowOf = () => rec.ticks.at(-1)?.units.find((u) => u.id === victim.id);
    execFileSync('kill', ['-STOP', String(victim.pid)]);
    try {
      await waitFor(() => rowOf()?.blocked === true, 15_000, 'its row to read blocked');
    } finally {
      execFileSync('kill', ['-CONT', String(victim.pid)]);
    }
    await waitFor(() => rowOf()?.blocked === undefined && rowOf()?.elu !== null, 15_000, 'its row to answer again');
    assert.notEqual(rowOf()?.state, 'exited');
    await finish();
    assert.equal(exits(rec.events).find((e) => e.unitId === victim.id)?.cause, 'stop');
  });

  it('a thread that exits with code 1 fails its job with the reason; with retry the job runs again', async () => {
    const { rec, finish } = await running({ strategy: 'worker-pool', fault: 'exit', faultEvery: 7, rate: 60, retry: false });
    await waitFor(() => exits(rec.events).some((e) => e.cause === 'injected'), 10_000, 'a crash');
    const summary = await finish();
    const crash = exits(rec.events).find((e) => e.cause === 'injected') as UnitExitedEvent;
    assert.equal(crash.code, 1);
    // The engine knows the job carried the fault: injected, not a crash of its own, in the event and the tick row.
    assert.equal(crash.fault, 'exit');
    assert.deepEqual(exitedRow(rec.ticks, crash.unitId)?.exit, factsOf(crash));
    assert.ok(!exits(rec.events).some((e) => e.cause === 'crash'), 'no exit reads as a spontaneous crash');
    assert.ok(!rec.events.some((e) => e.event === 'error' && e.source === crash.unitId), 'an injected crash is not an error to read');
    assert.match(Object.keys(summary.failures).join(' | '), /worker thread died during the job/);

    const retried = await running({ strategy: 'child-process', fault: 'exit', faultEvery: 7, rate: 60, retry: true });
    await waitFor(() => (retried.rec.ticks.at(-1)?.jobs.retried ?? 0) > 0, 10_000, 'a retry');
    const retriedSummary = await retried.finish();
    assert.ok(retriedSummary.jobs.retried > 0);
  });

  it('a crash loop cannot spin: restarts follow the backoff', async () => {
    // Every job kills its process: without backoff this would restart hundreds of times in 3 s.
    // Asserted on the gaps, which the backoff sets from below whatever the machine's speed (a loaded machine only
    // makes a restart slower): each wait doubles from the first.
    const { rec, finish } = await running({ strategy: 'child-process', fault: 'exit', faultEvery: 1, rate: 200, poolSize: 1 });
    const crashes = () => exits(rec.events).filter((e) => e.cause === 'injected');
    await waitFor(() => crashes().length >= 4, 60_000, 'four crashes');
    await finish();
    const at = crashes().map((e) => e.t);
    const { first } = DEFAULTS.restartBackoffMs;
    for (let k = 1; k < 4; k++) {
      assert.ok(at[k] - at[k - 1] >= first * 2 ** (k - 1), `crash ${k + 1} came ${at[k] - at[k - 1]} ms after crash ${k} (backoff ${first * 2 ** (k - 1)} ms)`);
    }
  });

  it('a thread over its memory limit is reported as out of memory', async () => {
    const { rec, finish } = await running({ strategy: 'worker-pool', fault: 'oom', faultEvery: 3, memoryLimitMb: 32, rate: 20 });
    await waitFor(() => exits(rec.events).some((e) => e.cause === 'injected'), 20_000, 'an out-of-memory exit');
    await finish();
    const crash = exits(rec.events).find((e) => e.cause === 'injected') as UnitExitedEvent;
    assert.match(crash.detail ?? '', /out of memory \(memory limit 32 MiB\)/);
    assert.equal(crash.fault, 'oom');
  });
});

describe('limits', () => {
  for (const strategy of ['worker-pool', 'child-process', 'cluster'] as const) {
    it(`${strategy}: a job past its timeout is failed and whatever runs it is ended`, async () => {
      const { rec, finish } = await running({ strategy, fault: 'hang', faultEvery: 5, jobTimeoutMs: 300, rate: 30 });
      await waitFor(() => exits(rec.events).some((e) => e.cause === 'timeout'), 10_000, 'a timeout');
      await waitFor(() => (rec.ticks.at(-1)?.jobs.completed ?? 0) > 20, 10_000, 'jobs keep completing');
      const summary = await finish();
      assert.match(Object.keys(summary.failures).join(' | '), new RegExp(`timed out after 300 ms on ${strategy}`));
      assert.ok(exits(rec.events).filter((e) => e.cause === 'timeout').every((e) => !e.voluntary));
    });
  }

  it('main-thread: a job cannot be interrupted, so its timeout is reported when it ends', async () => {
    const { rec, finish } = await running({ strategy: 'main-thread', size: 30, jobTimeoutMs: 1, rate: 5 });
    // Wait for a failed job, not for a time a busy machine may not have run one in.
    await waitFor(() => (rec.ticks.at(-1)?.jobs.failed ?? 0) > 0, 20_000, 'a job past its timeout');
    const summary = await finish();
    assert.match(Object.keys(summary.failures).join(' | '), /cannot be interrupted/);
  });

  it('the queue is bounded: excess jobs are dropped and counted', async () => {
    const { rec, finish } = await running({ strategy: 'main-thread', size: 27, maxQueue: 5, rate: 2_000 });
    await waitFor(() => (rec.ticks.at(-1)?.jobs.dropped ?? 0) > 100, 20_000, 'jobs dropped at the full queue');
    const summary = await finish();
    assert.ok(summary.jobs.dropped > 100, `${summary.jobs.dropped} dropped`);
    assert.ok(rec.ticks.every((t) => t.jobs.queued <= 5));
  });

  it('a crash command naming no live unit is refused with the live ids', async () => {
    const { engine, liveIds, finish } = await running({ strategy: 'worker-pool', rate: 10 });
    await waitFor(() => liveIds().length === 2, 10_000, 'two live units');
    const result = await engine.crash({ unitId: 'nope' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.errors[0].field, 'unitId');
      assert.match(result.errors[0].message, /no live unit with this id; live units: worker-pool#1\/thread-/);
    }
    const wrongType = await engine.crash({ unitId: 7 });
    assert.equal(wrongType.ok, false);
    await finish();
  });
});

describe('a unit that ended on purpose is never restarted', () => {
  it('stop ends every unit with cause stop and no new unit starts afterwards', async () => {
    const { rec, liveIds, finish } = await running({ strategy: 'cluster', rate: 20 });
    await waitFor(() => liveIds().length === 2, 10_000, 'two live units');
    const pids = (rec.ticks.at(-1)?.units ?? []).map((u) => u.pid);
    await finish();
    const startedBefore = starts(rec.events).length;
    await sleep(800);
    assert.equal(starts(rec.events).length, startedBefore);
    assert.ok(exits(rec.events).every((e) => e.cause === 'stop' && e.voluntary));
    assert.deepEqual(pids.filter(alive), []);
  });
});

describe('regressions found in review', () => {
  it('a second run in a closed loop submits again (no outstanding jobs carried over)', async () => {
    const engine = new LabEngine();
    const rec = record(engine);
    await engine.start({ strategy: 'main-thread', workload: 'fib', size: 24, loadMode: 'closed', concurrency: 20, intervalMs: 100 });
    await sleep(300);
    await engine.stop();
    assert.ok(rec.summaries[0].jobs.cancelled > 0, 'the first run stopped with jobs still queued (cancelled)');
    const firstRunTicks = rec.ticks.length;
    await engine.start({ strategy: 'worker-pool', loadMode: 'closed', concurrency: 4 });
    // The second run's own ticks count from 0: wait for its jobs (the pool may take seconds to boot on a busy machine).
    await waitFor(() => rec.ticks.length > firstRunTicks && (rec.ticks.at(-1)?.jobs.completed ?? 0) > 5, 20_000, 'the second run to complete jobs');
    await engine.stop();
    assert.ok(rec.summaries[1].jobs.completed > 5, `second run completed ${rec.summaries[1].jobs.completed}`);
  });

  it('with a timeout, worker-pool never has more in flight than threads (abortable tasks do not share)', async () => {
    const { rec, finish } = await running({ strategy: 'worker-pool', workload: 'io-wait', size: 50, rate: 200, jobTimeoutMs: 2_000 });
    // The pool must be running jobs for the bound to say anything: wait for them (booting may take seconds under load).
    await waitFor(() => (rec.ticks.at(-1)?.jobs.completed ?? 0) >= 40, 20_000, 'jobs through the pool');
    await finish();
    assert.ok(rec.ticks.every((t) => t.jobs.inFlight <= 2), `max in flight ${Math.max(...rec.ticks.map((t) => t.jobs.inFlight))}`);
  });

  it('a timeout kills only the hung job: no innocent job dies with the forked process', async () => {
    const { rec, finish } = await running({ strategy: 'child-process', fault: 'hang', faultEvery: 5, jobTimeoutMs: 300, rate: 30 });
    // Some timeouts among running jobs, however long the processes took to boot.
    await waitFor(() => exits(rec.events).filter((e) => e.cause === 'timeout').length >= 2, 20_000, 'two timeouts');
    const summary = await finish();
    const reasons = Object.keys(summary.failures);
    assert.ok(reasons.some((r) => r.startsWith('timed out')));
    assert.ok(!reasons.some((r) => r.includes('during the job')), reasons.join(' | '));
  });

  it('changing the memory limit under load starts new units with it', async () => {
    const { engine, rec, finish } = await running({ strategy: 'worker-pool', rate: 20 });
    await sleep(300);
    await engine.configure({ memoryLimitMb: 64 });
    await waitFor(() => rec.events.filter((e) => e.event === 'strategy-switched').length === 2, 10_000, 'a switch');
    await finish();
  });

  it('units that failed jobs go back to idle (no job left marked as running)', async () => {
    for (const strategy of ['worker-pool', 'cluster'] as const) {
      const { engine, rec, finish } = await running({ strategy, fault: 'throw', faultEvery: 2, rate: 40 });
      await waitFor(() => (rec.ticks.at(-1)?.units ?? []).filter((u) => u.state !== 'starting').length >= 2, 30_000, 'both units up');
      await waitFor(() => (rec.ticks.at(-1)?.jobs.failed ?? 0) >= 10, 30_000, 'jobs failing');
      await engine.configure({ rate: 0.1 });
      await sleep(800);
      const units = rec.ticks.at(-1)?.units ?? [];
      await finish();
      assert.ok(units.length >= 2 && units.every((u) => u.state === 'idle'), `${strategy}: ${units.map((u) => u.state).join(',')}`);
    }
  });

  it('a unit blocked in a long job shows as blocked, not with its last calm sample', async () => {
    const { rec, finish } = await running({ strategy: 'worker-pool', size: 36, loadMode: 'closed', concurrency: 2, intervalMs: 100 });
    await waitFor(() => rec.ticks.some((t) => t.units.some((u) => u.blocked)), 15_000, 'a blocked unit');
    await finish();
    const blocked = rec.ticks.flatMap((t) => t.units).find((u) => u.blocked);
    assert.equal(blocked?.elu, 1);
    assert.ok((blocked?.eld?.max ?? 0) >= 50, `eld max ${blocked?.eld?.max}`);
  });
});
