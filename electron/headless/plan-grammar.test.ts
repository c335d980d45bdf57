import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STRATEGIES } from '../../shared/constants';
import { formatInject, formatPlan, INJECT_EXAMPLE, parseInject, parsePlan, PLAN_EXAMPLE, type StepLimit } from './plan-grammar';

const DAY: StepLimit = { maxS: 86_400, bound: '24 h, the longest run' };
const TEN: StepLimit = { maxS: 10, bound: 'the --duration' };

describe('--plan grammar', () => {
  it('parses strategy@seconds steps, sorted by time, with decimal times', () => {
    assert.deepEqual(parsePlan('cluster@5,main-thread@0,worker-pool@2.5', DAY), [
      { strategy: 'main-thread', atS: 0 },
      { strategy: 'worker-pool', atS: 2.5 },
      { strategy: 'cluster', atS: 5 },
    ]);
  });

  it('formats steps as it parses them: format then parse gives the steps back', () => {
    const steps = STRATEGIES.map((strategy, i) => ({ strategy, atS: i * 1.5 }));
    assert.deepEqual(parsePlan(formatPlan(steps), DAY), steps);
    assert.equal(formatPlan([{ strategy: 'cluster', atS: 0.25 }]), 'cluster@0.25');
  });

  it('an unknown strategy is refused, naming --plan, the step and every strategy', () => {
    const message = parsePlan('warp@1', DAY) as string;
    assert.match(message, /^--plan: "warp" is not a strategy; use /);
    for (const strategy of STRATEGIES) assert.ok(message.includes(strategy), strategy);
  });

  it('a time past the limit is refused, naming the limit and what sets it, with an example within it', () => {
    assert.equal(
      parsePlan('cluster@10.5', TEN),
      '--plan: "cluster@10.5" needs a decimal time in seconds between 0 and 10 (the --duration) after @, e.g. cluster@5',
    );
    assert.match(parsePlan('cluster@3', { maxS: 2, bound: 'the --duration' }) as string, /e\.g\. cluster@2$/);
  });

  it('its example parses', () => {
    assert.ok(Array.isArray(parsePlan(PLAN_EXAMPLE, DAY)));
  });
});

describe('--inject grammar', () => {
  it('parses crash@seconds steps in their order', () => {
    assert.deepEqual(parseInject('crash@6,crash@2.5', DAY), [
      { atS: 6, crash: {} },
      { atS: 2.5, crash: {} },
    ]);
  });

  it('formats steps as it parses them', () => {
    const steps = [{ atS: 1, crash: {} }, { atS: 0.5, crash: {} }];
    assert.equal(formatInject(steps), 'crash@1,crash@0.5');
    assert.deepEqual(parseInject(formatInject(steps), DAY), steps);
  });

  it('anything but crash is refused, naming --inject, the step and the form it takes', () => {
    assert.equal(parseInject('boom@1', DAY), `--inject: "boom@1" is not understood; use crash@<seconds>, e.g. ${INJECT_EXAMPLE}`);
  });

  it('a missing, doubled or late time is refused, naming the step', () => {
    for (const text of ['crash', 'crash@', 'crash@1@2', 'crash@11', 'crash@-1', 'crash@0x1']) {
      assert.match(parseInject(text, TEN) as string, new RegExp(`^--inject: "${text}" needs a decimal time in seconds between 0 and 10 \\(the --duration\\)`), text);
    }
  });

  it('its example parses', () => {
    assert.ok(Array.isArray(parseInject(INJECT_EXAMPLE, DAY)));
  });
});
