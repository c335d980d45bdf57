import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../../shared/experiments/catalog';
import { SHIPPED_TALK } from '../../../shared/present/shipped-talk';
import { MAX_STAGE_CHARTS, parseTalk, parseTalkText, TALK_FORMAT } from '../../../shared/present/talk';

const talk = (scenes: unknown[]) => ({ format: TALK_FORMAT, title: 'My talk', scenes });

function errorsOf(raw: unknown): string[] {
  const result = parseTalk(raw);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => `${e.field}: ${e.message}`);
}

describe('talk validation', () => {
  it('accepts the shipped talk, which walks through every experiment once', () => {
    const result = parseTalk(SHIPPED_TALK);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ids = result.talk.scenes.flatMap((s) => (s.experiment ? [s.experiment.id] : []));
    expect([...ids].sort()).toEqual(EXPERIMENTS.map((e) => e.id).sort());
    const minutes = result.talk.scenes.reduce((sum, s) => sum + (s.minutes ?? 0), 0);
    expect(minutes).toBeGreaterThanOrEqual(18);
    expect(minutes).toBeLessThanOrEqual(22);
    for (const scene of result.talk.scenes) {
      expect(scene.title.length).toBeGreaterThan(0);
      expect(scene.charts.length).toBeLessThanOrEqual(MAX_STAGE_CHARTS);
    }
  });

  it('lets a scene ask for the timeline beside a chart', () => {
    const result = parseTalk(talk([{ experiment: 'main-thread-blocks', charts: ['timeline', 'host-eld'] }, { title: 'Lanes', setup: { strategy: 'worker-pool' }, charts: ['timeline'] }]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.talk.scenes.map((scene) => scene.charts)).toEqual([['timeline', 'host-eld'], ['timeline']]);
  });

  it('shows the timeline in the shipped scenes where threads tell the story: the blocked main thread, the pool, the copy', () => {
    const result = parseTalk(SHIPPED_TALK);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const charts = (id: string) => result.talk.scenes.find((scene) => scene.experiment?.id === id)?.charts;
    expect(charts('main-thread-blocks')).toContain('timeline');
    expect(charts('worker-per-task-vs-pool')).toContain('timeline');
    // Its claim is the copy's cost to the sending thread: the host's lane and the host's loop delay show it.
    expect(charts('payload-clone-transfer-shared')).toEqual(['timeline', 'host-eld']);
  });

  it("fills a scene's title, claim and charts from its experiment", () => {
    const result = parseTalk(talk([{ experiment: 'main-thread-blocks' }]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [scene] = result.talk.scenes;
    expect(scene?.title).toMatch(/main thread/i);
    expect(scene?.claim).toMatch(/holds up everything/);
    expect(scene?.charts).toEqual(['host-eld', 'timeline']);
    expect(scene?.notes).toBe('');
  });

  it('takes a free setup (validated as run settings) and a words-only scene', () => {
    const result = parseTalk(talk([{ title: 'Opening', claim: 'Why' }, { title: 'Pool', setup: { strategy: 'worker-pool', size: 28 }, charts: ['throughput'] }]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.talk.scenes[0]?.charts).toEqual([]);
    expect(result.talk.scenes[1]?.setup).toEqual({ strategy: 'worker-pool', size: 28 });
  });

  it('names the scene and the field of an unknown experiment, with the known ones', () => {
    const [error] = errorsOf(talk([{ title: 'a' }, { title: 'Pools', experiment: 'pool' }]));
    expect(error).toMatch(/^scenes\[1\] \("Pools"\)\.experiment: no experiment "pool"; known: main-thread-blocks, /);
  });

  it('names a bad setup field with what it allows', () => {
    const [error] = errorsOf(talk([{ title: 'Setup', setup: { strategy: 'threads' } }]));
    expect(error).toMatch(/^scenes\[0\] \("Setup"\)\.setup\.strategy: must be one of main-thread, /);
  });

  it('refuses an experiment and a setup in one scene, a scene without a title, and a recording without a run', () => {
    expect(errorsOf(talk([{ experiment: 'main-thread-blocks', setup: { size: 30 } }]))[0]).toMatch(/setup: a scene is an experiment or a free setup, not both/);
    expect(errorsOf(talk([{ notes: 'hi' }]))[0]).toMatch(/^scenes\[0\]\.title: is required/);
    expect(errorsOf(talk([{ title: 'x', recording: 'a.nclab.jsonl' }]))[0]).toMatch(/recording: needs an experiment, a setup or attach/);
  });

  it('refuses a recording given by path, too many charts, an unknown chart and unknown fields', () => {
    expect(errorsOf(talk([{ experiment: 'main-thread-blocks', recording: '../secret.nclab.jsonl' }]))[0]).toMatch(/recording: must be a file name ending in \.nclab\.jsonl/);
    expect(errorsOf(talk([{ experiment: 'main-thread-blocks', charts: ['host-eld', 'health', 'queue'] }]))[0]).toMatch(/charts: must name at most 2 charts/);
    expect(errorsOf(talk([{ experiment: 'main-thread-blocks', charts: ['units'] }]))[0]).toMatch(/charts\.0: must be one of host-eld, throughput, health, queue, timeline$/);
    expect(errorsOf(talk([{ experiment: 'main-thread-blocks', charts: ['timeline', 'timeline'] }]))[0]).toMatch(/charts: must not name a chart twice/);
    expect(errorsOf(talk([{ experiment: 'main-thread-blocks', note: 'typo' }]))[0]).toMatch(/^scenes\[0\] \("main-thread-blocks"\)\.note: is not a field of a talk or scene; allowed: .*notes/);
    expect(errorsOf({ ...talk([{ title: 'a' }]), author: 'me' })[0]).toMatch(/^author: is not a field/);
  });

  it('takes an attach scene: its command and folder, the HTTP chart and the timeline unless it names its charts, and a recording to fall back on', () => {
    const result = parseTalk(
      talk([
        { title: 'My app', attach: { command: ['node', 'server.js', '--demo-load'] }, recording: 'my-app.nclab.jsonl' },
        { title: 'In a folder', attach: { command: ['npm', 'start'], cwd: '  /srv/app ' }, charts: ['host-eld', 'queue'] },
      ]),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [first, second] = result.talk.scenes;
    expect(first?.attach).toEqual({ command: ['node', 'server.js', '--demo-load'], cwd: null });
    expect(first?.charts).toEqual(['throughput', 'timeline']);
    expect(first?.recording).toBe('my-app.nclab.jsonl');
    expect(first?.experiment).toBeNull();
    expect(first?.setup).toBeNull();
    expect(second?.attach).toEqual({ command: ['npm', 'start'], cwd: '/srv/app' });
    expect(second?.charts).toEqual(['host-eld', 'queue']);
  });

  it('ships one attach scene: the example server loading itself on a free port, from the lab\'s folder', () => {
    const result = parseTalk(SHIPPED_TALK);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const attached = result.talk.scenes.filter((scene) => scene.attach !== null);
    expect(attached).toHaveLength(1);
    expect(attached[0]?.attach).toEqual({ command: ['env', 'PORT=0', 'node', 'examples/attach/server.mjs', '--demo-load'], cwd: null });
    expect(attached[0]?.charts).toContain('throughput');
    // After the experiments, before the closing words.
    expect(attached[0]?.index).toBe(result.talk.scenes.length - 2);
  });

  it('refuses attach beside an experiment or a setup, naming the scene and the field', () => {
    expect(errorsOf(talk([{ experiment: 'main-thread-blocks', attach: { command: ['node', 'a.js'] } }]))).toEqual([
      'scenes[0] ("main-thread-blocks").attach: a scene attaches to an app or runs the lab\'s own work, not both: remove attach or experiment',
    ]);
    expect(errorsOf(talk([{ title: 'Both', setup: { size: 30 }, attach: { command: ['node', 'a.js'] } }]))).toEqual([
      'scenes[0] ("Both").attach: a scene attaches to an app or runs the lab\'s own work, not both: remove attach or setup',
    ]);
  });

  it("refuses a bad command: not a list, empty, an empty argument, too many or too long, and unknown fields of attach", () => {
    const scene = (attach: unknown) => talk([{ title: 'App', attach }]);
    expect(errorsOf(scene({ command: 'node server.js' }))[0]).toBe('scenes[0] ("App").attach.command: must be the program and its arguments, a list of 1 to 200 strings, e.g. ["node", "server.js"]');
    expect(errorsOf(scene({ command: [] }))[0]).toMatch(/^scenes\[0\] \("App"\)\.attach\.command: must be the program and its arguments, a list of 1 to 200/);
    expect(errorsOf(scene({ command: ['node', ''] }))[0]).toBe('scenes[0] ("App").attach.command.1: must not be empty (an argument of the command)');
    expect(errorsOf(scene({ command: [' ', 'x'] }))[0]).toBe('scenes[0] ("App").attach.command: must start with a program, e.g. node');
    expect(errorsOf(scene({ command: ['node', 42] }))[0]).toBe('scenes[0] ("App").attach.command.1: must be a string');
    expect(errorsOf(scene({ command: Array.from({ length: 201 }, () => 'x') }))[0]).toMatch(/attach\.command: must be the program and its arguments, a list of 1 to 200/);
    expect(errorsOf(scene({ command: ['node', 'x'.repeat(4097)] }))[0]).toBe('scenes[0] ("App").attach.command.1: must be at most 4096 characters');
    expect(errorsOf(scene({}))[0]).toMatch(/^scenes\[0\] \("App"\)\.attach\.command: must be the program/);
    expect(errorsOf(scene({ command: ['node'], cwd: ' ' }))[0]).toBe('scenes[0] ("App").attach.cwd: must not be empty: leave it out for the folder the lab runs in');
    expect(errorsOf(scene({ command: ['node'], args: ['x'] }))[0]).toBe('scenes[0] ("App").attach.args: is not a field of attach; allowed: command, cwd');
    expect(errorsOf(scene(['node', 'server.js']))[0]).toMatch(/^scenes\[0\] \("App"\)\.attach: must be an object/);
  });

  it('refuses the health chart in an attach scene: the lab never checks an attached app', () => {
    expect(errorsOf(talk([{ title: 'App', attach: { command: ['node', 'a.js'] }, charts: ['health'] }]))[0]).toMatch(/^scenes\[0\] \("App"\)\.charts: health is the lab's check of its own host/);
  });

  it('refuses a wrong format, no scenes, and text that is not JSON', () => {
    expect(errorsOf({ format: 'nclab-talk/9', title: 't', scenes: [{ title: 'a' }] })[0]).toBe(`format: must be "${TALK_FORMAT}"`);
    expect(errorsOf({ format: TALK_FORMAT, title: 't', scenes: [] })[0]).toBe('scenes: must hold at least one scene');
    const bad = parseTalkText('{"format":', 'talk.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]?.message).toMatch(/^talk\.json is not valid JSON/);
  });
});
