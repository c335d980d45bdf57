import { describe, expect, it } from 'vitest';
import { APP_SPEC, appExited, attachedStarted, attachedSummary, clusterApp, makeAttachedTick } from '../testing/attached-ticks';
import { makeTick } from '../testing/fake-lab';
import { defaultConfig } from '../../../shared/run-config';
import { APP_MAIN_ID, appMainUnit, attachedAfterEvent, attachedAfterResult, attachedAfterSummary, attachedAfterTick } from './attached-run';

describe('the attached run on screen', () => {
  it('begins with a run-started that names the command, and a lab run ends it', () => {
    const run = attachedAfterEvent(null, attachedStarted());
    expect(run).toEqual({ spec: APP_SPEC, exit: null });
    expect(attachedAfterEvent(run, { type: 'event', t: 0, event: 'run-started', config: defaultConfig() })).toBeNull();
  });

  it("takes the app's end from app-exited, and keeps it through the stop", () => {
    const started = attachedAfterEvent(null, attachedStarted());
    const exited = attachedAfterEvent(started, appExited(900, { code: null, signal: 'SIGTERM', byLab: true, detail: 'killed by SIGTERM after Stop' }));
    expect(exited).toEqual({ spec: APP_SPEC, exit: { code: null, signal: 'SIGTERM', byLab: true, detail: 'killed by SIGTERM after Stop' } });
    expect(attachedAfterEvent(exited, { type: 'event', t: 950, event: 'run-stopped', config: defaultConfig(), attached: APP_SPEC })).toBe(exited);
  });

  it('is known from the ticks alone (joined late, a recording cut before its start), without its command', () => {
    expect(attachedAfterTick(null, makeAttachedTick(200))).toEqual({ spec: null, exit: null });
    const known = attachedAfterEvent(null, attachedStarted());
    expect(attachedAfterTick(known, makeAttachedTick(200))).toBe(known);
    expect(attachedAfterTick(known, makeTick(200))).toBeNull();
    expect(attachedAfterTick(null, makeTick(200))).toBeNull();
  });

  it('learns the command from getState and the summary when the start was missed', () => {
    const fromTicks = attachedAfterTick(null, makeAttachedTick(200));
    expect(attachedAfterResult(fromTicks, { ok: true, config: defaultConfig(), running: true, attached: APP_SPEC })).toEqual({ spec: APP_SPEC, exit: null });
    expect(attachedAfterSummary(fromTicks, attachedSummary(5_000))).toEqual({
      spec: APP_SPEC,
      exit: { code: 0, signal: null, byLab: false, detail: 'exited with code 0' },
    });
    // An answer that names no attached run changes nothing: the last run stays on screen.
    expect(attachedAfterResult(fromTicks, { ok: true, config: defaultConfig(), running: false })).toBe(fromTicks);
  });

  it("lists the app's first process as a process row, its main thread's figures from the tick's host", () => {
    const tick = makeAttachedTick(400, { app: clusterApp() });
    expect(appMainUnit(tick)).toMatchObject({ id: APP_MAIN_ID, kind: 'process', strategy: 'attached', pid: 5000, threadId: null, state: 'idle', eld: tick.host.eld, elu: tick.host.elu, rss: tick.host.rss });
    const app = clusterApp();
    app.processes[0]!.exit = { code: 0, signal: null };
    expect(appMainUnit(makeAttachedTick(600, { app })).state).toBe('exited');
  });
});
