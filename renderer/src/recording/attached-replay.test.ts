/** A recording of a run attached to the user's app, replayed: named for what ran, its charts for HTTP. */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { Recording } from '../../../shared/recording/format';
import { defaultConfig } from '../../../shared/run-config';
import { ThroughputChart } from '../charts/ThroughputChart';
import { APP_SPEC, attachedStarted, attachedSummary, makeAttachedTick } from '../testing/attached-ticks';
import { renderWithStore, textOf } from '../testing/render';
import { runWords } from './compare';
import { ReplaySession } from './replay-session';
import { MACHINE } from './testing';

function attachedRecording(withStart: boolean): Recording {
  const ticks = [200, 400, 600, 800].map((t) => makeAttachedTick(t));
  return {
    name: 'run-attached.nclab.jsonl',
    header: { type: 'header', format: 'nclab/2', startedAt: '2026-12-07T06:00:00.000Z', config: defaultConfig(), plan: [], experiment: null, machine: MACHINE },
    ticks,
    events: withStart ? [attachedStarted()] : [],
    summary: attachedSummary(900),
    verdict: null,
    warnings: [],
  };
}

describe('the replay of an attached run', () => {
  for (const withStart of [true, false]) {
    it(`is the attached run, its command known ${withStart ? 'from its start' : 'from its summary (the start was cut)'}, its charts for HTTP`, () => {
      const recording = attachedRecording(withStart);
      expect(runWords(recording)).toBe('your app (attached) · node server.js --port 3000');
      const session = new ReplaySession(recording, 'dark');
      session.player.seek(500);
      session.publish();
      expect(session.store.getState().attachedRun).toEqual({ spec: APP_SPEC, exit: null });
      expect(textOf(renderWithStore(session.store, createElement(ThroughputChart)))).toContain('HTTP requests/s and HTTP latency');
      session.player.seek(900);
      session.publish();
      expect(session.store.getState().attachedRun?.exit).toEqual({ code: 0, signal: null, byLab: false, detail: 'exited with code 0' });
    });
  }
});
