/**
 * The supervisor's decisions, driven by scripted units so every ordering of messages and exits can be forced.
 * (The same decisions with real threads and processes are tested in ../supervision.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { ExitCause } from '../../../shared/messages';
import type { UnitExit, UnitHandle } from './unit-handle';
import { UnitSupervisor, type SupervisorEvents } from './unit-supervisor';
import type { UnitRecord } from './unit-record';

/** A unit whose messages and exit the test sends by hand. */
function scriptedUnit(threadId: number): UnitHandle & { send(message: unknown): void; exit(exit: UnitExit): void; kills: number } {
  let listener: (message: unknown) => void = () => {};
  let exit: (value: UnitExit) => void = () => {};
  const unit = {
    kind: 'thread' as const,
    pid: process.pid,
    threadId,
    kills: 0,
    stop: () => unit.exit({ code: 0, signal: null }),
    kill: () => {
      unit.kills++;
    },
    exited: new Promise<UnitExit>((resolve) => (exit = resolve)),
    onMessage: (l: (message: unknown) => void) => (listener = l),
    send: (message: unknown) => listener(message),
    exit: (value: UnitExit) => exit(value),
  };
  return unit;
}

const ready = (threadId: number) => ({ type: 'ready', pid: process.pid, threadId, sample: { eld: { p50: 0, p99: 0, max: 0 }, elu: 0, cpu: null, rss: null, heapUsed: 1 } });
const jobStart = (threadId: number, jobId: number) => ({ type: 'job-start', pid: process.pid, threadId, jobId });

function recorder() {
  const seen = { started: [] as UnitRecord[], exited: [] as Array<{ id: string; cause: ExitCause }>, lost: [] as Array<{ ids: number[]; message: string }>, replaces: [] as Array<string | undefined> };
  const events: SupervisorEvents = {
    unitCreated: () => {},
    unitStarted: (unit) => {
      seen.started.push(unit);
      seen.replaces.push(unit.replaces);
    },
    unitExited: (unit, exit) => {
      seen.exited.push({ id: unit.id, cause: exit.cause });
    },
    jobsLost: (ids, error) => seen.lost.push({ ids, message: error.message }),
    wake: () => {},
  };
  return { seen, events };
}

function supervisor(events: SupervisorEvents) {
  return new UnitSupervisor({ strategy: 'worker-pool', generation: 1, intervalMs: 200, memoryLimitMb: 0, events });
}

/** Starts scripted units that say ready 5 ms later, counting the most that were booting at once. */
function bootCounter(sup: UnitSupervisor) {
  const counter = {
    units: [] as ReturnType<typeof scriptedUnit>[],
    mostBooting: 0,
    start: () => {
      const unit = scriptedUnit(counter.units.length + 1);
      counter.units.push(unit);
      counter.mostBooting = Math.max(counter.mostBooting, sup.live().filter((u) => u.state === 'starting').length + 1);
      setTimeout(() => unit.send(ready(unit.threadId as number)), 5);
      return unit;
    },
  };
  return counter;
}

/** Eight units got ready, never more than two booting at once, and all end on shutdown. */
async function assertBootedFewAtATime(sup: UnitSupervisor, boot: ReturnType<typeof bootCounter>): Promise<void> {
  await sup.whenReady(8);
  assert.equal(boot.units.length, 8);
  assert.ok(boot.mostBooting <= 2, `${boot.mostBooting} booting at once`);
  const stopping = sup.shutdown();
  await sleep(1);
  await stopping;
  assert.equal(sup.liveCount, 0);
}

describe('unit supervisor', () => {
  it('a timeout that fires before the unit announced the job reads as timeout, not crash (the abort ended the unit first)', async () => {
    const { seen, events } = recorder();
    const sup = supervisor(events);
    const unit = scriptedUnit(7);
    sup.adopt(unit);
    unit.send(ready(7));
    sup.timeOut(41);
    // Piscina ends the thread of an aborted task itself, before its job-start notice was read.
    unit.exit({ code: 1, signal: null });
    await nextTurn();
    assert.deepEqual(seen.exited.map((e) => e.cause), ['timeout']);
    assert.equal(sup.paused(), false, 'no crash backoff after a timeout');
  });

  it('a job-start notice for a job that already timed out ends the unit that took it, as a timeout', async () => {
    const { seen, events } = recorder();
    const sup = supervisor(events);
    const unit = scriptedUnit(8);
    sup.adopt(unit);
    unit.send(ready(8));
    sup.timeOut(5);
    unit.send(jobStart(8, 5));
    assert.equal(unit.kills, 1);
    unit.exit({ code: 1, signal: null });
    await nextTurn();
    assert.deepEqual(seen.exited.map((e) => e.cause), ['timeout']);
  });

  it('a unit that dies on its own is a crash: its running jobs are handed back at once, named by its id, and backoff starts', async () => {
    const { seen, events } = recorder();
    const sup = supervisor(events);
    const unit = scriptedUnit(9);
    sup.adopt(unit);
    unit.send(ready(9));
    unit.send(jobStart(9, 1));
    unit.send(jobStart(9, 2));
    unit.exit({ code: 1, signal: null });
    await nextTurn();
    assert.deepEqual(seen.exited.map((e) => e.cause), ['crash']);
    assert.deepEqual(seen.lost[0].ids, [1, 2]);
    assert.match(seen.lost[0].message, /^worker-pool#1\/thread-9 exited with code 1 during the job/);
    assert.ok(sup.paused());
  });

  it('a unit that dies running a job that carried an injected fault is injected, not a crash of its own; its tick row says so', async () => {
    const { seen, events } = recorder();
    const sup = supervisor(events);
    const unit = scriptedUnit(10);
    const record = sup.adopt(unit);
    unit.send(ready(10));
    sup.carriesFault(3, 'exit');
    unit.send(jobStart(10, 3));
    unit.exit({ code: 1, signal: null });
    await nextTurn();
    assert.deepEqual(seen.exited.map((e) => e.cause), ['injected']);
    assert.deepEqual(record.exit, { cause: 'injected', code: 1, signal: null, detail: 'exited with code 1 (injected fault: exit)', fault: 'exit' });
    assert.deepEqual(sup.snapshot().find((u) => u.id === record.id)?.exit, record.exit);
    assert.ok(sup.paused(), 'it died: the backoff applies as to any death');
  });

  it('an exit fault whose runner was never announced explains the next death once; the death after it is a crash', async () => {
    const { seen, events } = recorder();
    const sup = supervisor(events);
    const [a, b] = [scriptedUnit(11), scriptedUnit(12)];
    sup.adopt(a);
    sup.adopt(b);
    a.send(ready(11));
    b.send(ready(12));
    sup.carriesFault(4, 'exit');
    // The answer (a failure) may come before the exit: the fault still explains it a moment later.
    sup.jobEnded(4, false);
    a.exit({ code: 1, signal: null });
    await nextTurn();
    b.exit({ code: 1, signal: null });
    await nextTurn();
    assert.deepEqual(seen.exited.map((e) => e.cause), ['injected', 'crash']);
  });

  it('a job with a fault that completed explains nothing; a kill by the user reads killed', async () => {
    const { seen, events } = recorder();
    const sup = supervisor(events);
    const unit = scriptedUnit(13);
    const record = sup.adopt(unit);
    unit.send(ready(13));
    sup.carriesFault(6, 'exit');
    unit.send(jobStart(13, 6));
    sup.jobEnded(6, true);
    assert.equal(sup.crash(record.id), record.id);
    unit.exit({ code: null, signal: 'SIGKILL' });
    await nextTurn();
    assert.deepEqual(seen.exited.map((e) => e.cause), ['killed']);
    assert.deepEqual(record.exit, { cause: 'killed', code: null, signal: 'SIGKILL', detail: 'killed by the user (SIGKILL)' });
    assert.equal(sup.paused(), false, 'no crash backoff after a kill: replaced at once');
  });

  it('a hang fault that timed out reads timeout with its fault and the limit in words', async () => {
    const { events } = recorder();
    const sup = supervisor(events);
    const unit = scriptedUnit(14);
    const record = sup.adopt(unit);
    unit.send(ready(14));
    sup.carriesFault(8, 'hang');
    unit.send(jobStart(14, 8));
    sup.timeOut(8, 300);
    unit.exit({ code: 1, signal: null });
    await nextTurn();
    assert.deepEqual(record.exit, { cause: 'timeout', code: 1, signal: null, detail: 'ended to cancel a job that ran over 300 ms', fault: 'hang' });
  });

  it('a stop reads stop, with no words and no fault', async () => {
    const { events } = recorder();
    const sup = supervisor(events);
    const unit = scriptedUnit(15);
    const record = sup.adopt(unit);
    unit.send(ready(15));
    await sup.shutdown();
    assert.deepEqual(record.exit, { cause: 'stop', code: 0, signal: null });
  });

  it('every unit is reported started and exited exactly once, and an ended one-shot unit leaves the table', async () => {
    const { seen, events } = recorder();
    const sup = supervisor(events);
    for (let id = 1; id <= 200; id++) {
      const unit = scriptedUnit(id);
      sup.adopt(unit, { oneShot: true });
      unit.send(ready(id));
      unit.send(ready(id));
      unit.exit({ code: 0, signal: null });
      unit.exit({ code: 1, signal: null });
    }
    await nextTurn();
    assert.equal(seen.started.length, 200);
    assert.equal(seen.exited.length, 200);
    assert.ok(seen.exited.every((e) => e.cause === 'done'));
    assert.equal(sup.liveCount, 0);
    assert.deepEqual(sup.snapshot(), [], 'no exited one-shot rows');
  });

  it('the first sample comes with ready, so the first tick that lists a ready unit has its measures', () => {
    const { events } = recorder();
    const sup = supervisor(events);
    const unit = scriptedUnit(3);
    sup.adopt(unit);
    assert.equal(sup.snapshot()[0].state, 'starting');
    unit.send(ready(3));
    const [tick] = sup.snapshot();
    assert.equal(tick.state, 'idle');
    assert.notEqual(tick.eld, null);
  });

  it('a crashed long-lived unit is started again after the backoff, naming the unit it replaces', async () => {
    const { seen, events } = recorder();
    const sup = supervisor(events);
    const units: ReturnType<typeof scriptedUnit>[] = [];
    sup.launch(1, () => {
      const unit = scriptedUnit(100 + units.length);
      units.push(unit);
      setImmediate(() => unit.send(ready(unit.threadId as number)));
      return unit;
    });
    await sup.whenReady(1);
    units[0].exit({ code: 1, signal: null });
    await sup.whenReady(2);
    assert.deepEqual(seen.replaces, [undefined, 'worker-pool#1/thread-100']);
    void sup.shutdown();
  });

  it('starts at most the start limit of units at once, one per turn of the loop', async () => {
    const { events } = recorder();
    const sup = new UnitSupervisor({ strategy: 'child-process', generation: 1, intervalMs: 200, memoryLimitMb: 0, events, startLimit: 2 });
    const boot = bootCounter(sup);
    sup.launch(8, boot.start);
    await assertBootedFewAtATime(sup, boot);
  });
  it('starts a group of units (a piscina pool) as one start that counts all of them booting', async () => {
    const { events } = recorder();
    const sup = new UnitSupervisor({ strategy: 'worker-pool', generation: 1, intervalMs: 200, memoryLimitMb: 0, events, startLimit: 2 });
    const boot = bootCounter(sup);
    for (let group = 0; group < 4; group++) sup.launchGroup(2, () => [0, 1].map(() => sup.adopt(boot.start())));
    await assertBootedFewAtATime(sup, boot);
  });

  it('ends units a few at a time on shutdown: the next batch once the last has left, or after a short wait if it is stuck', async () => {
    const { events } = recorder();
    const sup = new UnitSupervisor({ strategy: 'child-process', generation: 1, intervalMs: 200, memoryLimitMb: 0, events, startLimit: 2, graceMs: 60_000 });
    const asked: number[] = [];
    const units = Array.from({ length: 6 }, (_, i) => {
      const unit = scriptedUnit(i + 1);
      // Units 1 and 2 are stuck (they never leave when asked); the others leave at once.
      unit.stop = () => {
        asked.push(i + 1);
        if (i >= 2) unit.exit({ code: 0, signal: null });
      };
      sup.adopt(unit);
      return unit;
    });
    const stopping = sup.shutdown();
    await nextTurn();
    assert.deepEqual(asked, [1, 2], 'only the first batch is asked to leave at first');
    // The grace is a minute: the others must not wait for it.
    for (let waited = 0; asked.length < 6 && waited < 10_000; waited += 20) await sleep(20);
    assert.deepEqual(asked, [1, 2, 3, 4, 5, 6], 'a stuck batch holds the others back only briefly');
    units[0].exit({ code: 0, signal: null });
    units[1].exit({ code: 0, signal: null });
    await stopping;
    assert.equal(sup.liveCount, 0);
  });
});
