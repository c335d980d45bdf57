import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabEvent } from '../../shared/messages';
import { LabSession } from './lab-session';
import { LabEngine } from '../engine/lab-engine';

describe('advise command', () => {
  it('refuses a bad budget, naming the field, and changes nothing', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    await engine.start({ workload: 'io-wait', rate: 5 });
    const { result } = await session.dispatch({ id: 1, command: 'advise', payload: { budgetS: 5 } });
    assert.equal(result.ok, false);
    assert.match(JSON.stringify(!result.ok && result.errors), /budgetS.*between 20 and 600/);
    const state = engine.getState();
    assert.equal(state.ok && state.running, true, 'the run goes on');
    assert.equal(session.advisor.active, false);
    await engine.dispose();
  });

  it('measures cell after cell on the engine, announcing each; a stop cancels it and leaves no unit alive', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    const events: LabEvent[] = [];
    engine.onMessage((message) => message.type === 'event' && events.push(message));
    await engine.configure({ workload: 'io-wait', size: 5, rate: 7 });
    const mine = engine.getState();
    const { result } = await session.dispatch({ id: 2, command: 'advise', payload: { budgetS: 20 } });
    assert.equal(result.ok, true);
    assert.equal(session.advisor.active, true);
    const deadline = Date.now() + 20_000;
    while (!events.some((e) => e.event === 'advisor-progress' && e.progress.done >= 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const progress = events.filter((e) => e.event === 'advisor-progress');
    assert.ok(progress.length >= 3, `${progress.length} progress events`);
    assert.deepEqual(progress[0].event === 'advisor-progress' && progress[0].progress.current, { strategy: 'main-thread', poolSize: 1 });
    await session.dispatch({ id: 3, command: 'stop' });
    assert.equal(session.advisor.active, false);
    const state = engine.getState();
    assert.equal(state.ok && state.running, false);
    assert.equal(engine.liveUnits(), 0);
    assert.ok(!events.some((e) => e.event === 'advice'), 'a cancelled advisor gives no advice');
    assert.deepEqual(engine.getState(), mine, "the user's settings are given back");
    const given = events.at(-1);
    assert.equal(given?.event === 'config-changed' && given.givenBack, 'advisor');
    await engine.dispose();
  });
});
