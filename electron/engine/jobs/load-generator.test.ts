import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultConfig } from '../../../shared/run-config';
import { LoadGenerator } from './load-generator';

describe('closed loop', () => {
  it('keeps the event loop turning when every job fails at once', async () => {
    // Each job "fails" in a microtask, as one the host refuses does. Submitting the next one in that same chain
    // would run all of them before any timer; bounded here, so the failing version ends instead of hanging.
    const limit = 5_000;
    let submitted = 0;
    let submittedWhenTimerRan = -1;
    const generator = new LoadGenerator(() => {
      submitted++;
      if (submitted < limit) queueMicrotask(() => generator.settled());
      return true;
    });
    setTimeout(() => (submittedWhenTimerRan = submitted), 0);
    generator.start({ ...defaultConfig(), loadMode: 'closed', concurrency: 1 });
    while (submittedWhenTimerRan < 0) await sleep(1);
    generator.stop();
    assert.ok(submittedWhenTimerRan < 50, `${submittedWhenTimerRan} jobs were submitted before a due timer could run`);
  });

  it('keeps `concurrency` jobs outstanding: a settled job is replaced', async () => {
    let submitted = 0;
    const generator = new LoadGenerator(() => {
      submitted++;
      return true;
    });
    generator.start({ ...defaultConfig(), loadMode: 'closed', concurrency: 3 });
    assert.equal(submitted, 3);
    generator.settled();
    generator.settled();
    await sleep(1);
    assert.equal(submitted, 5);
    generator.stop();
  });

  it('a refill still pending when the loop stops never submits', async () => {
    let submitted = 0;
    const generator = new LoadGenerator(() => {
      submitted++;
      return true;
    });
    generator.start({ ...defaultConfig(), loadMode: 'closed', concurrency: 2 });
    generator.settled();
    generator.stop();
    generator.settled();
    await sleep(5);
    assert.equal(submitted, 2);
  });
});
