import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../shared/constants';
import { defaultConfig } from '../../../shared/run-config';
import { durationText, everyNth, faultCaveat, faultHelp, faultsSummary, ordinal } from './fault-help';

describe('fault help', () => {
  it('counts in plain English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
    expect(everyNth(1)).toBe('every job');
    expect(everyNth(5)).toBe('every 5th job');
    expect(durationText(200)).toBe('200 ms');
    expect(durationText(5_000)).toBe('5 s');
  });

  it('explains each fault with the engine’s own restart backoff', () => {
    expect(faultHelp('exit', 5)).toBe(
      `exit: every 5th job ends its thread or process with code 1; the lab restarts it after a backoff (${DEFAULTS.restartBackoffMs.first} ms, doubling per crash in a row up to ${DEFAULTS.restartBackoffMs.max / 1000} s).`,
    );
    expect(faultHelp('hang', 2)).toContain('only a job timeout ends it');
  });

  it('warns that main-thread does not inject the faults that would end the lab', () => {
    expect(faultCaveat('exit', 'main-thread')).toContain('not injected');
    expect(faultCaveat('throw', 'main-thread')).toBeNull();
    expect(faultCaveat('exit', 'child-process')).toBeNull();
    expect(faultCaveat('exit', 'worker-pool')).toContain('no job starts during the backoff');
  });

  it('summarises what is switched on, for the collapsed panel', () => {
    const chips = faultsSummary({ ...defaultConfig(), fault: 'exit', faultEvery: 5, jobTimeoutMs: 1_500, retry: true });
    expect(chips.filter((c) => c.active).map((c) => c.text)).toEqual(['fault exit, every 5th job', 'timeout 1.5 s', 'retry on']);
    expect(faultsSummary(defaultConfig()).some((c) => c.active)).toBe(false);
  });
});
