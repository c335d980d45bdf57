import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabMessage } from '../../shared/messages';
import { defaultConfig } from '../../shared/run-config';
import { LabSession } from './lab-session';
import { LabEngine } from '../engine/lab-engine';
import { RunBacklog } from './run-backlog';
import { waitFor } from '../engine/testing/harness';

const MACHINE = { cores: 2, cpuModel: 'test cpu', node: 'v20.0.0' };
const runStarted = (): LabMessage => ({ type: 'event', t: 0, event: 'run-started', config: defaultConfig() });
const announced = (): LabMessage => ({ type: 'event', t: 3, event: 'experiment-started', id: 'x', segments: [], endMs: 1000, machine: MACHINE });
const stopped = (t: number): LabMessage => ({ type: 'event', t, event: 'run-stopped', config: defaultConfig() });

/** A message source for the backlog alone. */
function source() {
  const listeners = new Set<(message: LabMessage) => void>();
  return {
    onMessage: (listener: (message: LabMessage) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (message: LabMessage) => {
      for (const listener of [...listeners]) listener(message);
    },
    listeners: () => listeners.size,
  };
}

describe('run backlog', () => {
  it('keeps the next run from its start, only once an experiment was announced in it, until it stops', () => {
    const engine = source();
    const backlog = new RunBacklog(engine);
    backlog.keepNextRun();
    engine.emit(stopped(9));
    engine.emit(runStarted());
    assert.equal(backlog.messages(), null, 'no experiment announced yet');
    engine.emit(announced());
    const error: LabMessage = { type: 'event', t: 400, event: 'error', message: 'x', source: 'experiment' };
    engine.emit(error);
    assert.deepEqual(backlog.messages(), [runStarted(), announced(), error], 'the earlier run\'s stop is not in it');
    engine.emit(stopped(500));
    assert.equal(backlog.messages(), null, 'a viewer joining after the end joins no run');
    assert.equal(engine.listeners(), 0, 'stops listening once the run stopped');
  });

  it('past its limit drops the oldest messages, never what the run is, and keeps their order', () => {
    const engine = source();
    const backlog = new RunBacklog(engine, 20);
    backlog.keepNextRun();
    engine.emit(runStarted());
    const error = (t: number): LabMessage => ({ type: 'event', t, event: 'error', message: 'x', source: 'experiment' });
    engine.emit(error(1));
    engine.emit(announced());
    for (let t = 2; t < 40; t++) engine.emit(error(t));
    const kept = backlog.messages() ?? [];
    assert.ok(kept.length <= 20, `${kept.length} kept`);
    assert.deepEqual(kept.slice(0, 2), [runStarted(), announced()]);
    assert.equal(kept.at(-1)?.t, 39);
    const times = kept.slice(2).map((m) => m.t);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });
});

describe('getState hands a late viewer the experiment run so far (real engine)', () => {
  it('the messages from run-started on, in order, while it runs; none once it stopped, nor for a plain run', async () => {
    const engine = new LabEngine();
    const session = new LabSession(engine);
    const seen: LabMessage[] = [];
    engine.onMessage((m) => void seen.push(m));
    try {
      const before = await session.dispatch({ id: 1, command: 'getState' });
      assert.equal(before.result.ok && before.result.run, undefined);

      await session.dispatch({ id: 2, command: 'experiment', payload: { id: 'io-wait-threads-dont-help' } });
      await waitFor(() => seen.filter((m) => m.type === 'tick').length >= 3, 20_000, 'three ticks');
      const during = await session.dispatch({ id: 3, command: 'getState' });
      assert.ok(during.result.ok && during.result.running);
      const run = (during.result.ok && during.result.run) || [];
      const from = seen.findIndex((m) => m.type === 'event' && m.event === 'run-started');
      assert.deepEqual(run, seen.slice(from), 'every message of the run so far, as sent');
      assert.ok(run.some((m) => m.type === 'event' && m.event === 'experiment-started'));

      await session.dispatch({ id: 4, command: 'stop' });
      const after = await session.dispatch({ id: 5, command: 'getState' });
      assert.equal(after.result.ok && after.result.run, undefined, 'a page opened after the end starts empty');

      await session.dispatch({ id: 6, command: 'start', payload: { strategy: 'main-thread', workload: 'io-wait', size: 5 } });
      const plain = await session.dispatch({ id: 7, command: 'getState' });
      assert.equal(plain.result.ok && plain.result.run, undefined);
    } finally {
      await engine.dispose();
    }
  });
});
