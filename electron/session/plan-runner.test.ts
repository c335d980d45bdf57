import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '../../shared/constants';
import type { CommandResult } from '../../shared/lab-api';
import type { PlanStep } from '../../shared/plan';
import { defaultConfig } from '../../shared/run-config';
import { runPlan, type PlanTarget } from './plan-runner';

const accepted: CommandResult = { ok: true, config: defaultConfig(), running: true };

/** A target that records what it was asked to do and accepts everything. */
function recordingTarget(onTaken: (what: string) => void): PlanTarget {
  return {
    configure: (patch) => {
      onTaken(`configure ${JSON.stringify(patch)}`);
      return Promise.resolve(accepted);
    },
    crash: () => {
      onTaken('crash');
      return Promise.resolve(accepted);
    },
  };
}

describe('plan runner', () => {
  it('refuses a step whose time is not finite, negative or beyond 24 h, and never fires it', async () => {
    const bad: PlanStep[] = [
      { atS: Number.NaN, configure: { strategy: 'cluster' } },
      { atS: Number.POSITIVE_INFINITY, configure: { strategy: 'cluster' } },
      { atS: -1, crash: {} },
      // 1e7 s and 3e6 s are past setTimeout's 2^31-1 ms: Node would fire them after 1 ms.
      { atS: 1e7, configure: { strategy: 'cluster' } },
      { atS: 3_000_000, crash: {} },
      { atS: LIMITS.durationS.max + 1, crash: {} },
    ];
    // The latest allowed time is scheduled, and must not fire early either.
    const farButAllowed: PlanStep = { atS: LIMITS.durationS.max, configure: { strategy: 'cluster' } };
    const soon: PlanStep = { atS: 0.02, configure: { strategy: 'main-thread' } };

    const taken: string[] = [];
    const refused: Array<{ step: PlanStep; why: string }> = [];
    let soonTaken: () => void = () => {};
    const soonDone = new Promise<void>((resolve) => (soonTaken = resolve));
    const plan = runPlan(
      recordingTarget((what) => {
        taken.push(what);
        if (what.includes('main-thread')) soonTaken();
      }),
      [...bad, farButAllowed, soon],
      (step, why) => refused.push({ step, why }),
    );
    try {
      // Timers fire in order of their due time, so by the time the 20 ms step runs, an overflowed timer
      // (due after 1 ms) would have fired too.
      await soonDone;
      assert.deepEqual(taken, ['configure {"strategy":"main-thread"}']);
      assert.deepEqual(
        refused.map((r) => r.step),
        bad,
      );
      for (const { why } of refused) assert.equal(why, `atS: must be a number of seconds between 0 and ${LIMITS.durationS.max}`);
    } finally {
      plan.cancel();
    }
  });

  it('reports a step the target refused, with the target\'s reasons', async () => {
    const refused = new Promise<string>((resolve) => {
      runPlan(
        {
          configure: () => Promise.resolve({ ok: false, errors: [{ field: 'strategy', message: 'must be one of a, b' }] }),
          crash: () => Promise.resolve(accepted),
        },
        [{ atS: 0, configure: { strategy: 'cluster' } }],
        (_step, why) => resolve(why),
      );
    });
    assert.equal(await refused, 'strategy: must be one of a, b');
  });

  it('cancel stops the steps not taken yet', async () => {
    const taken: string[] = [];
    const plan = runPlan(recordingTarget((what) => taken.push(what)), [{ atS: 0.01, crash: {} }], () => {});
    plan.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(taken, []);
  });
});
