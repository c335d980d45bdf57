import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ActivityRecorder, epochNow } from './activity-recorder';

const busyMs = (busyUs: number[]) => busyUs.reduce((a, b) => a + b, 0) / 1000;

describe('activity recorder', () => {
  it('a job is busy from its start to its end, on the epoch grid', () => {
    const recorder = new ActivityRecorder(200, false);
    recorder.take();
    recorder.jobStarted();
    const started = epochNow();
    while (epochNow() < started + 50);
    const ended = epochNow();
    recorder.jobEnded();
    const activity = recorder.take();
    recorder.stop();
    assert.ok(busyMs(activity.busyUs) >= ended - started - 0.01, `${busyMs(activity.busyUs)} ms busy for a job of ${ended - started} ms`);
    assert.ok(activity.busyUs.every((us) => us >= 0 && us <= 20_000));
    assert.ok(activity.to >= ended);
  });

  it('a job still running at report time counts busy up to then, and on from then in the next report', async () => {
    const recorder = new ActivityRecorder(200, false);
    recorder.take();
    recorder.jobStarted();
    const started = epochNow();
    await sleep(30);
    const before = epochNow();
    const first = recorder.take();
    assert.ok(busyMs(first.busyUs) >= before - started - 0.01, `${busyMs(first.busyUs)} ms busy`);
    await sleep(10);
    recorder.jobEnded();
    const second = recorder.take();
    recorder.stop();
    assert.ok(busyMs(second.busyUs) > 0, 'the rest of the job comes with the next report');
  });

  it('jobs running at once are busy once, not twice', async () => {
    const recorder = new ActivityRecorder(200, false);
    recorder.take();
    const started = epochNow();
    await Promise.all([1, 2, 3].map(() => {
      recorder.jobStarted();
      return sleep(20).finally(() => recorder.jobEnded());
    }));
    const ended = epochNow();
    const activity = recorder.take();
    recorder.stop();
    assert.ok(busyMs(activity.busyUs) <= ended - started + 0.01, `${busyMs(activity.busyUs)} ms busy in ${ended - started} ms`);
  });

  it('an idle thread reports no busy time; a booting one is busy from its own start', () => {
    const idle = new ActivityRecorder(200, false);
    assert.equal(busyMs(idle.take().busyUs), 0);
    idle.stop();
    const booting = new ActivityRecorder(200, true);
    assert.ok(busyMs(booting.take().busyUs) > 0);
    booting.stop();
  });

  it('garbage collections of the thread are counted, with their pauses', async () => {
    const recorder = new ActivityRecorder(200, false);
    let keep: unknown[] = [];
    for (let i = 0; i < 2_000_000; i++) {
      keep.push({ i });
      if (keep.length > 10_000) keep = [];
    }
    // Node hands the entries over on a later turn of the loop.
    await sleep(10);
    const { gc } = recorder.take();
    recorder.stop();
    assert.ok(gc.length >= 4, 'at least one collection');
    for (let i = 0; i < gc.length; i += 4) {
      const [, count, pauseUs, maxUs] = gc.slice(i, i + 4);
      assert.ok(count >= 1 && pauseUs >= maxUs && maxUs >= 0, JSON.stringify(gc));
    }
  });
});
