import { describe, expect, it } from 'vitest';
import type { LabMessage } from '../../../shared/messages';
import { parseRecording } from '../../../shared/recording/parse';
import { defaultConfig } from '../../../shared/run-config';
import { FakeLab, makeTick } from '../testing/fake-lab';
import { createLabStore } from '../state/store';
import { MAX_DRAWN_POINTS } from '../state/slices/ingest';
import { RecordingController } from './recording-controller';
import { ReplayPlayer } from './replay-player';
import { RunLog } from '../state/run-log';
import { ingest } from './replay-session';
import { recordingFileName, keptRunHeader, recordingText } from './save-format';
import { MACHINE, syntheticRun } from './testing';
import { replayTimeline } from './timeline';

const WALL_CLOCK = () => Date.parse('2026-11-30T18:00:10.000Z');

/** A live store that took `messages` as the transport hands them over: what Save run saves. */
function keep(messages: LabMessage[]) {
  const store = createLabStore({ api: new FakeLab(), now: () => 0, wallClock: WALL_CLOCK });
  for (const message of messages) ingest(store, message);
  return store;
}

const keptTicks = (store: ReturnType<typeof keep>) => store.getState().keptRun()?.messages.filter((m) => m.type === 'tick').length ?? 0;

function savedText(messages: LabMessage[]): string {
  const run = keep(messages).getState().keptRun()!;
  return recordingText(keptRunHeader(run, MACHINE, defaultConfig()), run);
}

/** A recording of the whole run, as the CLI's `--record` writes it (the window keeps a bounded tail of a big run). */
function wholeText(messages: LabMessage[]): string {
  const log = new RunLog(WALL_CLOCK, { ticks: Infinity, messages: Infinity, samples: Infinity });
  for (const message of messages) log.take(message);
  const run = log.run()!;
  return recordingText(keptRunHeader(run, MACHINE, defaultConfig()), run);
}

function controller() {
  const api = new FakeLab();
  const live = createLabStore({ api, now: () => 0, wallClock: WALL_CLOCK });
  const downloads: Array<{ name: string; text: string }> = [];
  let wall = 0;
  const timers: Array<() => void> = [];
  const recording = new RecordingController({
    api,
    live,
    saveFile: async (name, content) => (downloads.push({ name, text: content as string }), name),
    now: () => wall,
    repeat: (fn) => timers.push(fn),
    cancel: () => undefined,
  });
  return { api, live, recording, downloads, timers, advance: (ms: number) => (wall += ms) };
}

describe('saving a run', () => {
  it('round trip: the saved text parses back to the same ticks, events and summary, header first', () => {
    const messages = syntheticRun(20, 3);
    const text = savedText(messages);
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ type: 'header', format: 'nclab/2', startedAt: '2026-11-30T18:00:10.000Z', machine: MACHINE });
    const parsed = parseRecording(text, 'run.nclab.jsonl');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.recording.ticks).toEqual(messages.filter((m) => m.type === 'tick'));
    expect(parsed.recording.events).toEqual(messages.filter((m) => m.type === 'event'));
    expect(parsed.recording.summary).toEqual(messages.at(-1));
    expect(parsed.recording.warnings).toEqual([]);
  });

  it('names the file by the run start (UTC, no colons) and its strategy', () => {
    expect(recordingFileName('2026-11-30T18:00:10.123Z', 'worker-pool')).toBe('2026-11-30T18-00-10Z-worker-pool.nclab.jsonl');
  });

  it('keeps one run: a new run-started (or a tick from the past) starts over', () => {
    const store = keep([...syntheticRun(5, 1), ...syntheticRun(3, 1)]);
    expect(keptTicks(store)).toBe(3);
    ingest(store, makeTick(100));
    expect(keptTicks(store)).toBe(1);
  });

  it('is bounded: past the limit the oldest messages go', () => {
    const log = new RunLog(WALL_CLOCK, { ticks: 30, messages: 1000 });
    for (const message of syntheticRun(100, 1)) log.take(message);
    expect(log.tickCount()).toBe(30);
    const run = log.run()!;
    expect(run.dropped).toBeGreaterThan(0);
    // What is left still replays: the timeline begins a run with the header's settings.
    const parsed = parseRecording(recordingText(keptRunHeader(run, MACHINE, defaultConfig()), run), 'cut.nclab.jsonl');
    expect(parsed.ok && replayTimeline(parsed.recording).messages[0]).toMatchObject({ event: 'run-started' });
  });

  it("an experiment's run keeps the experiment and its plan in the header, as the CLI does", () => {
    const [started, ...rest] = syntheticRun(5, 1);
    const experimentStarted: LabMessage = { type: 'event', event: 'experiment-started', t: 0, id: 'main-thread-blocks', segments: [], endMs: 1000, machine: { cores: 2, cpuModel: 'x', node: 'v20.18.0' } };
    const run = keep([started!, experimentStarted, ...rest]).getState().keptRun()!;
    const header = keptRunHeader(run, MACHINE, defaultConfig());
    expect(header.experiment?.id).toBe('main-thread-blocks');
    expect(header.plan.length).toBeGreaterThan(0);
    const parsed = parseRecording(recordingText(header, run), 'x.nclab.jsonl');
    expect(parsed.ok && parsed.recording.header.experiment?.id).toBe('main-thread-blocks');
  });

  it('Save downloads the kept run with the machine the engine reports', async () => {
    const { live, recording, downloads, api } = controller();
    await recording.save();
    expect(recording.state.getState().error).toMatch(/nothing to save yet/);
    for (const message of syntheticRun(5, 2)) ingest(live, message);
    await recording.save();
    expect(api.calls.at(-1)?.command).toBe('machine');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toMatch(/^2026-11-30T18-00-10Z-worker-pool\.nclab\.jsonl$/);
    const parsed = parseRecording(downloads[0]!.text, downloads[0]!.name);
    expect(parsed.ok && parsed.recording.header.machine.host).toBe('browser');
    expect(parsed.ok && parsed.recording.ticks).toHaveLength(5);
  });

  it('Save still works once the lab is gone (killed under a browser-mode page): with the machine facts it gave before', async () => {
    const { live, recording, downloads, api, timers } = controller();
    // The facts asked at the start arrive; then the lab stops answering (a command would wait for a reconnect).
    await Promise.resolve();
    api.machine = () => new Promise(() => undefined);
    const messages = syntheticRun(5, 1).filter((m) => m.type !== 'summary');
    for (const message of messages) ingest(live, message);
    const saving = recording.save();
    await Promise.resolve();
    for (const fire of timers.splice(0)) fire();
    await saving;
    expect(recording.state.getState().error).toBeNull();
    expect(downloads).toHaveLength(1);
    const parsed = parseRecording(downloads[0]!.text, downloads[0]!.name);
    expect(parsed.ok && parsed.recording.header.machine.cpuModel).toBe('Fake CPU');
    expect(parsed.ok && parsed.recording.ticks).toHaveLength(5);
    expect(parsed.ok && parsed.recording.warnings.join(' ')).toMatch(/its end is torn/);
  });
});

describe('replay pacing', () => {
  const recordingOf = (ticks: number) => {
    const parsed = parseRecording(savedText(syntheticRun(ticks, 1)), 'r.nclab.jsonl');
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.recording;
  };

  function player(ticks = 50) {
    const timeline = replayTimeline(recordingOf(ticks));
    const seen: number[] = [];
    let restarts = 0;
    const p = new ReplayPlayer(timeline, {
      emit: (m) => m.type === 'tick' && seen.push(m.t),
      restart: () => {
        restarts += 1;
        seen.length = 0;
      },
    });
    return { p, seen, timeline, restarts: () => restarts };
  }

  it('merges ticks and events back into time order, run-started first and the summary last', () => {
    const { timeline } = player(5);
    expect(timeline.messages[0]).toMatchObject({ type: 'event', event: 'run-started' });
    expect(timeline.messages.at(-1)?.type).toBe('summary');
    const times = timeline.messages.map((m) => m.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('emits each message once, when recording time reaches it, at the speed chosen', () => {
    const { p, seen } = player();
    p.play(1000);
    p.advance(1500); // 500 ms at 1x
    expect(seen).toEqual([200, 400]);
    p.setSpeed(4, 1500);
    p.advance(1750); // 250 ms at 4x = 1000 ms more
    expect(seen.at(-1)).toBe(1400);
    p.setSpeed(10, 1750);
    p.advance(1850); // 100 ms at 10x
    expect(seen.at(-1)).toBe(2400);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('pause stops time; play goes on from where it was', () => {
    const { p, seen } = player();
    p.play(0);
    p.advance(600);
    p.pause();
    p.advance(5000);
    expect(seen).toEqual([200, 400, 600]);
    p.play(5000);
    p.advance(5200);
    expect(seen.at(-1)).toBe(800);
  });

  it('scrubbing forward feeds what lies between; back, the feed starts again from the beginning', () => {
    const { p, seen, restarts } = player();
    p.seek(3000);
    expect(seen).toHaveLength(15);
    p.seek(1000);
    expect(restarts()).toBe(1);
    expect(seen).toEqual([200, 400, 600, 800, 1000]);
    p.seek(-50);
    expect(p.position).toBe(0);
  });

  it('stops at the end, and play from the end starts again', () => {
    const { p, seen, timeline } = player(10);
    p.play(0);
    p.advance(100_000);
    expect(p.position).toBe(timeline.endMs);
    expect(p.playing).toBe(false);
    expect(seen).toHaveLength(10);
    p.play(100_000);
    expect(p.position).toBe(timeline.startMs);
    expect(p.playing).toBe(true);
  });
});

describe('opening a recording', () => {
  it('a bad file is an error naming the file and line, and changes nothing', () => {
    const { recording } = controller();
    const good = savedText(syntheticRun(5, 1)).split('\n');
    const broken = [good[0], good[1], '{oops', ...good.slice(2)].join('\n');
    expect(recording.openText(broken, 'broken.nclab.jsonl')).toBe(false);
    expect(recording.state.getState().error).toBe('broken.nclab.jsonl line 3: not valid JSON');
    expect(recording.state.getState().replay).toBeNull();
    expect(recording.openText('hello\n', 'notes.txt')).toBe(false);
    expect(recording.state.getState().error).toMatch(/^notes\.txt line 1: /);
  });

  it('replays into a store of its own, through the same ingest as a run; the live store is untouched', () => {
    const { recording, live, advance } = controller();
    expect(recording.openText(savedText(syntheticRun(50, 4)), 'run.nclab.jsonl')).toBe(true);
    const replay = recording.state.getState().replay!;
    expect(replay.playing).toBe(true);
    expect(replay.header.machine.cpuModel).toBe('Test CPU');
    advance(1000);
    recording.step();
    const view = replay.store.getState();
    expect(view.tickCount).toBe(5);
    expect(view.points).toHaveLength(5);
    expect(view.units).toHaveLength(4);
    expect(view.running).toBe(true);
    expect(live.getState().tickCount).toBe(0);
    recording.seek(10_050);
    expect(replay.store.getState().running).toBe(false);
    expect(replay.store.getState().summary).not.toBeNull();
    recording.backToLive();
    expect(recording.state.getState().replay).toBeNull();
  });

  it('opening a recording shows no error; one the user causes there goes with the replay', async () => {
    const { recording, live } = controller();
    recording.openText(savedText(syntheticRun(10, 1)), 'run.nclab.jsonl');
    const replay = recording.state.getState().replay!.store;
    // What the control bar asks when it mounts: not the user's doing, so no banner.
    await replay.getState().listWorkloads();
    expect(replay.getState().messages).toEqual([]);
    await replay.getState().start();
    expect(replay.getState().messages.map((m) => m.text)).toEqual([expect.stringMatching(/recording/)]);
    recording.backToLive();
    expect(live.getState().messages).toEqual([]);
  });

  it('after the end, a scrub back waits for Play; choosing a speed then plays on, unless the user had paused', () => {
    const { recording } = controller();
    recording.openText(savedText(syntheticRun(50, 1)), 'run.nclab.jsonl');
    const view = () => recording.state.getState().replay!;
    recording.seek(view().endMs);
    recording.step();
    expect(view().playing).toBe(false);
    recording.seek(1000);
    expect(view().playing).toBe(false);
    recording.setSpeed(10);
    expect(view()).toMatchObject({ speed: 10, playing: true });
    recording.pause();
    recording.setSpeed(4);
    expect(view()).toMatchObject({ speed: 4, playing: false });
  });

  it('a 3000-tick, 16-unit recording (a 10-minute run) parses whole, and its frames draw a window, not the run', () => {
    const run = syntheticRun(3000, 16);
    const syntheticLast = run.filter((m) => m.type === 'tick').at(-1)!;
    const text = wholeText(run);
    const { recording } = controller();
    const started = performance.now();
    expect(recording.openText(text, 'ten-minutes.nclab.jsonl')).toBe(true);
    const opened = performance.now() - started;
    const seekStarted = performance.now();
    recording.seek(600_000);
    const seekToEnd = performance.now() - seekStarted;
    console.log(`recording of ${(text.length / 2 ** 20).toFixed(1)} MiB: parse + first frame ${opened.toFixed(0)} ms, seek to the end ${seekToEnd.toFixed(0)} ms`);
    // How long it took is printed above, a measurement (npm run bench:ui for the page); a test on a shared machine
    // asserts what keeps it cheap whatever the load: every message taken, and a frame that draws a bounded window.
    const replayed = recording.state.getState().replay!.store.getState();
    expect(replayed.tickCount).toBe(3000);
    expect(replayed.points.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    expect(replayed.latest?.t).toBe(syntheticLast.t);
  });
});

describe('comparing two recordings', () => {
  it('aligns both runs at their start and tables every figure with the change from A to B', () => {
    const { recording } = controller();
    const slow = syntheticRun(10, 1).map((m) => (m.type === 'tick' ? { ...m, jobs: { ...m.jobs, throughput: 20 } } : m));
    expect(recording.compareText(savedText(slow), 'b.nclab.jsonl')).toBe(false);
    expect(recording.state.getState().error).toMatch(/open a recording first/);
    recording.openText(savedText(syntheticRun(10, 1)), 'a.nclab.jsonl');
    expect(recording.compareText('{}\n', 'bad.nclab.jsonl')).toBe(false);
    expect(recording.state.getState().comparison).toBeNull();
    expect(recording.compareText(savedText(slow), 'b.nclab.jsonl')).toBe(true);
    const { a, b, rows } = recording.state.getState().comparison!;
    expect([a.name, b.name]).toEqual(['a.nclab.jsonl', 'b.nclab.jsonl']);
    // Named by what ran; the same strategy, workload and size on both sides: told apart by file name.
    const { strategy, workload, size } = defaultConfig();
    expect([a.label, b.label]).toEqual([`${strategy} · ${workload} ${size} (a.nclab.jsonl)`, `${strategy} · ${workload} ${size} (b.nclab.jsonl)`]);
    expect(a.points[0]).toMatchObject({ t: 0.2 });
    expect(b.points.every((p) => p.throughput === 20)).toBe(true);
    const completed = rows.find((r) => r.figure === 'jobs.completed')!;
    expect(completed).toMatchObject({ a: 560, b: 560, delta: 0, percent: 0 });
    expect(rows.map((r) => r.figure)).toContain('host.eld.p99');
    recording.backToLive();
    expect(recording.state.getState().comparison).toBeNull();
  });
});

describe('naming the compared runs', () => {
  it('by strategy, workload and size; by file name too only where those are the same', () => {
    const run = (patch: Partial<ReturnType<typeof defaultConfig>>) =>
      syntheticRun(3, 1).map((m) => (m.type === 'event' && m.event === 'run-started' ? { ...m, config: { ...m.config, ...patch } } : m));
    const { recording } = controller();
    recording.openText(savedText(run({ strategy: 'worker-pool', workload: 'fib', size: 30 })), 'a.nclab.jsonl');
    recording.compareText(savedText(run({ strategy: 'cluster', workload: 'fib', size: 30 })), 'b.nclab.jsonl');
    const { a, b } = recording.state.getState().comparison!;
    expect([a.label, b.label]).toEqual(['worker-pool · fib 30', 'cluster · fib 30']);
    recording.compareText(savedText(run({ strategy: 'worker-pool', workload: 'fib', size: 30 })), 'a.nclab.jsonl');
    const same = recording.state.getState().comparison!;
    expect([same.a.label, same.b.label]).toEqual(['worker-pool · fib 30 (a.nclab.jsonl, A)', 'worker-pool · fib 30 (a.nclab.jsonl, B)']);
  });
});

describe("replaying an experiment's run", () => {
  it('shows the experiment as live: its experiment-started event goes through the same ingest', () => {
    const { recording } = controller();
    const [started, ...rest] = syntheticRun(20, 1);
    const experimentStarted: LabMessage = { type: 'event', event: 'experiment-started', t: 0, id: 'main-thread-blocks', segments: [], endMs: 4000, machine: { cores: 2, cpuModel: 'x', node: 'v20.18.0' } };
    const run = keep([started!, experimentStarted, ...rest]).getState().keptRun()!;
    recording.openText(recordingText(keptRunHeader(run, MACHINE, defaultConfig()), run), 'experiment.nclab.jsonl');
    const replay = recording.state.getState().replay!;
    expect(replay.header.experiment?.id).toBe('main-thread-blocks');
    expect(replay.store.getState().activeExperiment).not.toBeNull();
  });
});
