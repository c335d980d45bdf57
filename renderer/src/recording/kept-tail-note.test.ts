import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../shared/run-config';
import type { KeptRun } from '../state/run-log';
import { keptTailNote } from './save-format';

const run = (dropped: number, firstT: number): KeptRun => ({
  startedAt: '2026-12-07T10:00:00.000Z',
  config: defaultConfig(),
  messages: [{ type: 'event', t: firstT, event: 'error', message: 'x', source: 'engine' }],
  dropped,
  experimentId: null,
  ended: false,
});

describe('what a save of a long run says it lacks', () => {
  it('nothing when the window kept the whole run', () => {
    expect(keptTailNote(run(0, 0))).toBeNull();
  });

  it('from when it holds the run, and how to keep all of it, when the window dropped its start', () => {
    const note = keptTailNote(run(1200, 84_400));
    expect(note).toContain('from 84 s on');
    expect(note).toContain('--record');
  });
});
