import { describe, expect, it } from 'vitest';
import { findExperiment } from '../../../shared/experiments/catalog';
import { SHIPPED_TALK } from '../../../shared/present/shipped-talk';
import { parseTalk, TALK_FORMAT, type Scene } from '../../../shared/present/talk';
import { MAX_WATCH, stageWatch } from './stage-watch';

function scenesOf(raw: unknown): readonly Scene[] {
  const result = parseTalk(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.talk.scenes;
}

describe('what to watch on the stage', () => {
  it('names only the charts the scene shows', () => {
    const experiment = findExperiment('main-thread-blocks')!;
    // Its watch list points at the delay chart, the timeline, the health chart, throughput and the units table.
    expect(new Set(experiment.watch.map((w) => w.chart))).toEqual(new Set(['host-eld', 'timeline', 'health', 'throughput', 'units']));
    const [withTimeline, withThroughput] = scenesOf({
      format: TALK_FORMAT,
      title: 't',
      scenes: [
        { experiment: 'main-thread-blocks', charts: ['timeline', 'host-eld'] },
        { experiment: 'main-thread-blocks', charts: ['throughput', 'health'] },
      ],
    });
    expect(stageWatch(withTimeline!).map((w) => w.chart)).toEqual(['host-eld', 'timeline']);
    expect(stageWatch(withThroughput!).map((w) => `${w.chart} ${w.line}`)).toEqual(['health p99', 'throughput jobs/s']);
  });

  it('never names the units table or the events log, which the stage never shows', () => {
    // cluster-slow-handler watches three columns of the units table and throughput.
    const [scene] = scenesOf({ format: TALK_FORMAT, title: 't', scenes: [{ experiment: 'cluster-slow-handler', charts: ['timeline', 'throughput'] }] });
    expect(stageWatch(scene!).map((w) => w.chart)).toEqual(['throughput']);
  });

  it('says nothing for a scene without an experiment, or whose charts none of its items name', () => {
    const [words, setup, unnamed] = scenesOf({
      format: TALK_FORMAT,
      title: 't',
      scenes: [{ title: 'Words' }, { title: 'Pool', setup: { strategy: 'worker-pool' }, charts: ['throughput'] }, { experiment: 'exec-vs-spawn-output', charts: ['timeline'] }],
    });
    expect(stageWatch(words!)).toEqual([]);
    expect(stageWatch(setup!)).toEqual([]);
    expect(stageWatch(unnamed!)).toEqual([]);
  });

  it('in the shipped talk, every item shown is about a chart of its scene, at most a few', () => {
    for (const scene of scenesOf(SHIPPED_TALK)) {
      const shown = stageWatch(scene);
      expect(shown.length).toBeLessThanOrEqual(MAX_WATCH);
      for (const item of shown) expect(scene.charts, `${scene.title}: ${item.chart} ${item.line}`).toContain(item.chart);
    }
    // The clone / transfer / shared scene shows the timeline and the host's delay: its items about those, not throughput.
    const payload = scenesOf(SHIPPED_TALK).find((s) => s.experiment?.id === 'payload-clone-transfer-shared')!;
    expect(stageWatch(payload).map((w) => `${w.chart} ${w.line}`)).toEqual(['host-eld p99', 'timeline host lane']);
  });
});
