/**
 * An attach scene on the stage: R sends the session's `attach` (what the Attach panel sends), not `start`;
 * leaving the scene sends Stop; where the host refuses, the stage says the host's words (they name the flag) and
 * the scene's rehearsal recording still opens; the charts of an attached run are titled for HTTP.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { attachedRecordingText } from '../../../shared/recording/fake-attached-run';
import { parseTalk, TALK_FORMAT, type Scene, type Talk } from '../../../shared/present/talk';
import { RecordingController } from '../recording/recording-controller';
import { createLabStore } from '../state/store';
import { attachedStarted, makeAttachedTick } from '../testing/attached-ticks';
import { fakeClock, FakeLab } from '../testing/fake-lab';
import { textOf } from '../testing/render';
import { initialDeck } from './deck';
import { StageScene } from './StageScene';
import { stageChartBase } from './stage-chart-spec';
import { attachFailure, leaveScene, openFallback, runScene, switchStrategy, type StageDeps } from './stage-actions';

const COMMAND = ['env', 'PORT=0', 'node', 'examples/attach/server.mjs', '--demo-load'];
/** What browser mode answers without --allow-attach (electron/session/lab-session.ts). */
const NOT_ALLOWED = 'attaching runs a command on this machine; this host does not allow it. Start browser mode with npm run web -- --allow-attach';

function talkOf(scenes: unknown[]): Talk {
  const parsed = parseTalk({ format: TALK_FORMAT, title: 'Attach talk', scenes });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.talk;
}

const TALK = talkOf([
  { title: 'Opening' },
  { title: 'My app', attach: { command: COMMAND }, recording: 'my-app.nclab.jsonl' },
  { title: 'In its folder', attach: { command: ['node', 'server.js'], cwd: '/srv/app' } },
]);
const [, APP_SCENE, FOLDER_SCENE] = TALK.scenes as [Scene, Scene, Scene];

function setup(lab = new FakeLab(), recordings: Record<string, string> = {}) {
  const clock = fakeClock();
  const live = createLabStore({ api: lab, now: clock.now });
  const controller = new RecordingController({ api: lab, live, saveFile: async (name) => name, now: clock.now, repeat: () => 0, cancel: () => undefined });
  const deps: StageDeps = {
    live,
    controller,
    recordingUrl: (name) => `recordings/${name}`,
    fetchText: async (url) => {
      const text = recordings[url.replace('recordings/', '')];
      return text === undefined ? { ok: false, status: 404, text: '' } : { ok: true, status: 200, text };
    },
  };
  return { lab, live, controller, deps, clock };
}

/** The stage's markup for `scene` with R pressed on it. */
function stageHtml(deps: StageDeps, scene: Scene, ranHere = true): string {
  const deck = { ...initialDeck(TALK.scenes.length, 0, scene.index) };
  const live: typeof deps.live = { ...deps.live, getInitialState: deps.live.getState };
  return renderToStaticMarkup(createElement(StageScene, { talk: TALK, deck, ranHere, notice: null, live, replay: null, recordedVerdict: null }));
}

describe('an attach scene on the stage', () => {
  it("R sends the session's attach with the scene's command (the lab's folder when it names none), never start", async () => {
    const { lab, live, deps } = setup();
    await live.getState().refresh();
    expect(await runScene(deps, APP_SCENE, false)).toBeNull();
    const sent = lab.calls.filter((call) => call.command !== 'getState' && call.command !== 'machine');
    expect(sent).toEqual([{ command: 'attach', payload: { command: COMMAND } }]);
    expect(live.getState().running).toBe(true);
    expect(live.getState().attachedRun?.spec?.command).toEqual(COMMAND);

    expect(await runScene(deps, FOLDER_SCENE, false)).toBeNull();
    // R while an app runs: Stop first (its whole process group ends), then the scene's app.
    expect(lab.calls.slice(-2)).toEqual([{ command: 'stop' }, { command: 'attach', payload: { command: ['node', 'server.js'], cwd: '/srv/app' } }]);
  });

  it('leaving the scene stops the app, and a strategy key says there is none to switch', async () => {
    const { lab, live, deps } = setup();
    await live.getState().refresh();
    await runScene(deps, APP_SCENE, false);
    expect(await switchStrategy(deps, 'cluster', false)).toMatch(/the attached app decides how its work runs/);
    expect(lab.calls.some((call) => call.command === 'configure')).toBe(false);
    leaveScene(deps);
    await Promise.resolve();
    expect(lab.calls.at(-1)).toEqual({ command: 'stop' });
    expect(lab.running).toBe(false);
  });

  it("where the host refuses, says the host's words (naming --allow-attach), starts nothing, and the recording still opens", async () => {
    const lab = new FakeLab();
    lab.canAttach = false;
    const { live, controller, deps } = setup(lab, { 'my-app.nclab.jsonl': attachedRecordingText() });
    await live.getState().refresh();
    const notice = await runScene(deps, APP_SCENE, false);
    expect(notice).toBe('Not attached: browser mode runs commands only when started with npm run web -- --allow-attach · V shows the rehearsal recording');
    expect(lab.calls.some((call) => call.command === 'start')).toBe(false);
    expect(live.getState().running).toBe(false);
    // The stage stays at rest: no charts of an earlier run, still "Press R".
    const html = stageHtml(deps, APP_SCENE);
    expect(html).not.toContain('data-testid="stage-charts"');
    expect(html).toContain('data-state="ready"');

    const opened = await openFallback(deps, APP_SCENE);
    expect(opened.ok).toBe(true);
    expect(controller.state.getState().replay?.store.getState().attachedRun?.spec?.command).toBeDefined();
  });

  it("says browser mode's own refusal as it is, names a folder's problem as the folder's, and hints V only where a recording is", () => {
    expect(attachFailure({ ok: false, errors: [{ field: 'command', message: NOT_ALLOWED }] }, APP_SCENE)).toBe(`Not attached: ${NOT_ALLOWED} · V shows the rehearsal recording`);
    expect(attachFailure({ ok: false, errors: [{ field: 'cwd', message: 'must be an existing folder: /srv/app is not there' }] }, FOLDER_SCENE)).toBe(
      'Not attached: the folder must be an existing folder: /srv/app is not there',
    );
    expect(attachFailure({ ok: true, config: new FakeLab().config, running: true }, FOLDER_SCENE)).toBeNull();
  });

  it('before R: the command to be started; once attached: its processes, requests a second and HTTP charts', async () => {
    const { live, deps, clock } = setup();
    await live.getState().refresh();
    const ready = textOf(stageHtml(deps, APP_SCENE, false));
    expect(ready).toContain('Press R to start env PORT=0 node examples/attach/server.mjs --demo-load');

    await runScene(deps, APP_SCENE, false);
    live.getState().ingestEvent(attachedStarted(0, { command: COMMAND, cwd: '/home/lab' }));
    for (const t of [200, 400, 600]) {
      clock.advance(200);
      live.getState().ingestTick(makeAttachedTick(t));
    }
    live.getState().flush();
    const html = stageHtml(deps, APP_SCENE);
    const status = html.match(/<p class="stage-status"[^>]*>/)?.[0] ?? '';
    expect(status).toContain('data-state="running"');
    expect(status).toContain('data-pids="5000 5010 5011 5020"');
    expect(textOf(html)).toMatch(/attached · 4 processes · 120(\.0)? req\/s · 0\.6 s · env PORT=0 node examples\/attach\/server\.mjs --demo-load/);
    // The charts of an attached run, named for the app's HTTP and its main loop, not for the lab's jobs.
    expect(textOf(html)).toContain('HTTP requests/s and HTTP latency');
    expect(textOf(html)).not.toContain('Throughput and latency');
  });

  it("titles every stage chart for an attached run as the lab's own charts do", () => {
    expect(stageChartBase('throughput', true).title).toBe('HTTP requests/s and HTTP latency');
    expect(stageChartBase('host-eld', true).title).toBe('App main loop delay');
    expect(stageChartBase('queue', true).title).toBe('HTTP requests in flight');
    expect(stageChartBase('throughput', false).title).toBe('Throughput and latency');
    expect(stageChartBase('host-eld', false).title).toBe('Host event-loop delay');
  });
});
