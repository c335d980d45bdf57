// The relay from engine to window: ticks at once, events batched per tick, order kept.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IPC_CHANNELS } from '../../shared/lab-api';
import type { LabEvent, LabMessage, Summary, Tick } from '../../shared/messages';
import { createMessageRelay, MAX_EVENT_DELAY_MS, type RelayTimers } from './message-relay';

const tick = (t: number) => ({ type: 'tick', t }) as unknown as Tick;
const event = (t: number) => ({ type: 'event', t, event: 'error', message: `e${t}`, source: 'engine' }) as LabEvent;
const summary = (t: number) => ({ type: 'summary', t }) as unknown as Summary;

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const timers: RelayTimers = {
    setTimeout: (callback, ms) => {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const fire = () => {
    const all = [...pending.values()];
    pending.clear();
    for (const { callback } of all) callback();
  };
  return { timers, pending, fire };
}

function setup() {
  const sent: Array<[string, unknown]> = [];
  const clock = manualTimers();
  const relay = createMessageRelay((channel, payload) => sent.push([channel, payload]), { timers: clock.timers });
  const push = (...messages: LabMessage[]) => messages.forEach((m) => relay.push(m));
  return { sent, clock, relay, push };
}

describe('message relay', () => {
  test('sends each tick at once, one message per tick', () => {
    const { sent, push } = setup();
    push(tick(200), tick(400));
    assert.deepEqual(sent, [
      [IPC_CHANNELS.tick, tick(200)],
      [IPC_CHANNELS.tick, tick(400)],
    ]);
  });

  test('sends the events since the previous tick as one array, before the next tick', () => {
    const { sent, clock, push } = setup();
    push(tick(200), event(210), event(220), event(230), tick(400));
    assert.deepEqual(sent, [
      [IPC_CHANNELS.tick, tick(200)],
      [IPC_CHANNELS.event, [event(210), event(220), event(230)]],
      [IPC_CHANNELS.tick, tick(400)],
    ]);
    assert.equal(clock.pending.size, 0, 'the flush timer is cleared by the tick');
  });

  test('sends events on their own after at most MAX_EVENT_DELAY_MS when no tick comes (a stopped run)', () => {
    const { sent, clock, push } = setup();
    push(event(1), event(2));
    assert.deepEqual(sent, []);
    assert.equal(clock.pending.size, 1, 'one timer for the whole batch');
    assert.equal([...clock.pending.values()][0]!.ms, MAX_EVENT_DELAY_MS);
    clock.fire();
    assert.deepEqual(sent, [[IPC_CHANNELS.event, [event(1), event(2)]]]);
  });

  test('flushes events before the summary', () => {
    const { sent, push } = setup();
    push(event(5), summary(6));
    assert.deepEqual(sent, [
      [IPC_CHANNELS.event, [event(5)]],
      [IPC_CHANNELS.summary, summary(6)],
    ]);
  });

  test('sends nothing more once closed, and drops what was pending', () => {
    const { sent, clock, relay, push } = setup();
    push(event(1));
    relay.close();
    assert.equal(clock.pending.size, 0);
    push(tick(2), event(3), summary(4));
    relay.flush();
    assert.deepEqual(sent, []);
  });
});
