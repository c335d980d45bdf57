import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ThroughputChart } from '../charts/ThroughputChart';
import { QueueChart } from '../charts/QueueChart';
import { EldChart } from '../charts/EldChart';
import { HealthChart } from '../charts/HealthChart';
import { ControlBar } from '../components/ControlBar';
import { SettingsPanel } from '../components/SettingsPanel';
import { StatsStrip } from '../components/StatsStrip';
import { createLabStore } from '../state/store';
import { appExited, attachedStarted, clusterApp, makeAttachedTick } from '../testing/attached-ticks';
import { fakeClock, FakeLab, makeTick } from '../testing/fake-lab';
import { renderWithStore, textOf } from '../testing/render';
import { attachDraft } from './attach-draft';
import { AttachPanel } from './AttachPanel';

function setup(lab = new FakeLab()) {
  const clock = fakeClock();
  const store = createLabStore({ api: lab, now: clock.now });
  return { lab, store, clock };
}

const panel = (store: ReturnType<typeof setup>['store']) => renderWithStore(store, createElement(AttachPanel));
/** The opening tag of the element with this test id. */
const tagOf = (html: string, testId: string): string => html.match(new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`))?.[0] ?? '';
/** The text of the element with this test id (its first closing tag ends it: for leaf elements). */
const textAt = (html: string, testId: string): string => textOf(html.match(new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</`))?.[1] ?? '');

describe('Attach panel', () => {
  it('says why it cannot attach when the host does not let it, and Start is disabled', async () => {
    const { lab, store } = setup();
    lab.canAttach = false;
    await store.getState().refresh();
    const html = panel(store);
    expect(textAt(html, 'attach-unavailable')).toBe('Browser mode runs commands only when started with npm run web -- --allow-attach.');
    expect(tagOf(html, 'attach-start')).toContain('disabled=""');
    expect(html).toMatch(/<fieldset class="attach-fields" disabled=""/);
  });

  it('a window whose host never offered attach (a replay) says so, and Start is disabled', () => {
    const { store } = setup();
    const html = panel(store);
    expect(textAt(html, 'attach-unavailable')).toContain('cannot start a command');
    expect(tagOf(html, 'attach-start')).toContain('disabled=""');
  });

  it('where the host lets it, the fields are open and Stop waits for an attached run', async () => {
    const { store } = setup();
    await store.getState().refresh();
    const html = panel(store);
    expect(html).not.toContain('data-testid="attach-unavailable"');
    expect(html).not.toMatch(/<fieldset class="attach-fields" disabled/);
    expect(html).toContain('Not run through a shell');
    expect(tagOf(html, 'attach-stop')).toContain('disabled=""');
  });

  it('Start sends attach with the line split into argv and the folder, and the run is then the attached one', async () => {
    const { lab, store } = setup();
    await store.getState().refresh();
    const draft = attachDraft(`node "my app.js" --port 3000`, '  /srv/my app  ');
    if (!draft.ok) throw new Error(draft.error);
    const result = await store.getState().attach(draft.request);
    expect(result.ok).toBe(true);
    expect(lab.calls.at(-1)).toEqual({ command: 'attach', payload: { command: ['node', 'my app.js', '--port', '3000'], cwd: '/srv/my app' } });
    expect(store.getState().attachedRun).toEqual({ spec: { command: ['node', 'my app.js', '--port', '3000'], cwd: '/srv/my app' }, exit: null });
    expect(store.getState().running).toBe(true);
  });

  it('an empty folder is left out: the host runs the command in its own folder', () => {
    expect(attachDraft('node server.js', ' ')).toEqual({ ok: true, request: { command: ['node', 'server.js'] }, shellOperators: [] });
    expect(attachDraft(`node 'oops`, '')).toEqual({ ok: false, error: 'a single quote at character 6 is never closed' });
  });

  it("shows the host's rejections next to the field each names, and in the banner by the field's label", async () => {
    const { lab, store } = setup();
    await store.getState().refresh();
    lab.attachRefusal = {
      ok: false,
      errors: [
        { field: 'command', message: 'nodez was not found: no such program on the PATH' },
        { field: 'cwd', message: '/nope is not a folder' },
        { field: 'attach', message: 'the lab could not listen on 127.0.0.1' },
      ],
    };
    const result = await store.getState().attach({ command: ['nodez', 'server.js'], cwd: '/nope' });
    expect(result.ok).toBe(false);
    const html = panel(store);
    expect(textAt(html, 'attach-command-error')).toBe('nodez was not found: no such program on the PATH');
    expect(textAt(html, 'attach-cwd-error')).toBe('/nope is not a folder');
    expect(textAt(html, 'attach-error')).toBe('the lab could not listen on 127.0.0.1');
    expect(tagOf(html, 'attach-command')).toContain('aria-invalid="true"');
    expect(tagOf(html, 'attach-cwd')).toContain('aria-invalid="true"');
    expect(store.getState().messages.map((m) => m.text)).toEqual([
      'command: nodez was not found: no such program on the PATH',
      'working folder: /nope is not a folder',
      'attach: the lab could not listen on 127.0.0.1',
    ]);
    expect(store.getState().attachedRun).toBeNull();

    // Editing the command: its error goes (here and in the banner), the folder's stays.
    store.getState().clearAttachError('command');
    const edited = panel(store);
    expect(edited).not.toContain('data-testid="attach-command-error"');
    expect(textAt(edited, 'attach-cwd-error')).toBe('/nope is not a folder');
    expect(store.getState().messages.map((m) => m.text)).not.toContain('command: nodez was not found: no such program on the PATH');
  });

  it("the contract's own validation reaches the field it names too", async () => {
    const { store } = setup();
    await store.getState().refresh();
    await store.getState().attach({ command: [' '] });
    expect(textAt(panel(store), 'attach-command-error')).toBe('must start with a program, e.g. node');
  });

  it('while attached, shows the command and the processes of the app from the newest tick, the first process first', async () => {
    const { store, clock } = setup();
    await store.getState().refresh();
    store.getState().ingestEvent(attachedStarted());
    for (const t of [200, 400, 600]) {
      clock.advance(200);
      store.getState().ingestTick(makeAttachedTick(t));
    }
    store.getState().flush();
    const html = panel(store);
    expect(tagOf(html, 'attach-panel')).toContain('data-live="true"');
    expect(textAt(html, 'attach-running-command')).toBe('node server.js --port 3000');
    expect(tagOf(html, 'app-processes')).toContain('data-count="4"');
    const pids = [...html.matchAll(/data-testid="app-process" data-pid="(\d+)" data-agent="(\w+)" data-root="(\w+)"/g)].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(pids).toEqual([
      [5000, 'yes', 'true'],
      [5010, 'yes', 'false'],
      [5011, 'yes', 'false'],
      [5020, 'no', 'false'],
    ]);
    const statuses = [...html.matchAll(/data-testid="app-process-status">([^<]*)</g)].map((m) => m[1]);
    expect(statuses).toEqual(['serves no HTTP', 'HTTP 2xx 12', 'HTTP 2xx 11 · 4xx 1', 'no agent: CPU and memory only']);
    const rates = [...html.matchAll(/data-testid="app-process-rate">([^<]*)</g)].map((m) => m[1]);
    expect(rates).toEqual(['–', '60.0', '60.0', '–']);
    const latencies = [...html.matchAll(/data-testid="app-process-latency">([^<]*)</g)].map((m) => m[1]);
    expect(latencies).toEqual(['–', '4.20 / 18.5', '4.20 / 18.5', '–']);
    const parents = [...html.matchAll(/data-testid="app-process-ppid">([^<]*)</g)].map((m) => textOf(m[1]!));
    expect(parents).toEqual(['parent 4990', 'parent 5000', 'parent 5000', 'parent 5000']);
    expect(html).not.toContain('data-testid="attach-refused"');
    expect(tagOf(html, 'attach-stop')).not.toContain('disabled');
  });

  it('counts refused connections, and after the end says how the app exited', async () => {
    const { store } = setup();
    store.getState().ingestEvent(attachedStarted());
    store.getState().ingestTick(makeAttachedTick(200, { app: { ...clusterApp(), refused: 2 } }));
    store.getState().ingestEvent(appExited(400, { code: 3, detail: 'exited with code 3' }));
    store.getState().ingestEvent({ type: 'event', t: 400, event: 'run-stopped', config: store.getState().config, attached: store.getState().attachedRun!.spec! });
    store.getState().flush();
    const html = panel(store);
    expect(textAt(html, 'attach-refused')).toBe("2 connections to the lab's port refused: not opened with this run's token");
    expect(textAt(html, 'attach-exit')).toBe('Your app exited with code 3.');
    expect(tagOf(html, 'attach-exit')).toContain('data-code="3"');
    expect(tagOf(html, 'attach-panel')).toContain('data-live="false"');
    expect(tagOf(html, 'attach-stop')).toContain('disabled=""');
  });
});

describe('the rest of the window on an attached run', () => {
  it('disables the strategy toggles and the job settings, with the reason and the run\'s label in sight', async () => {
    const { store } = setup();
    await store.getState().refresh();
    store.getState().ingestEvent(attachedStarted());
    const html = renderWithStore(store, createElement(ControlBar));
    expect(tagOf(html, 'run-settings')).toContain('disabled=""');
    const toggles = html.match(/data-testid="strategy-toggle"[\s\S]*?<\/div>/)![0];
    expect(toggles.match(/class="strategy-button"/g)).toHaveLength(6);
    expect(toggles).not.toContain('aria-pressed="true"');
    expect(textAt(html, 'attached-reason')).toBe('attached: the app decides how its work runs: the strategy and job settings do not apply');
    expect(textOf(html)).toContain('your app (attached) node server.js --port 3000');
    // Stop stays: it ends the app.
    expect(tagOf(html, 'run-toggle')).toContain('data-running="true"');
    expect(tagOf(html, 'run-toggle')).not.toContain('disabled');

    const settings = renderWithStore(store, createElement(SettingsPanel));
    expect(settings).toMatch(/<fieldset class="run-settings" disabled=""/);
    expect(textAt(settings, 'settings-attached')).toContain('attached: the app decides how its work runs');
  });

  it('a lab run keeps its toggles: the attached label goes with the next run', async () => {
    const { store } = setup();
    await store.getState().refresh();
    store.getState().ingestEvent(attachedStarted());
    store.getState().ingestEvent({ type: 'event', t: 0, event: 'run-started', config: store.getState().config });
    const html = renderWithStore(store, createElement(ControlBar));
    expect(tagOf(html, 'run-settings')).not.toContain('disabled');
    expect(html).not.toContain('data-testid="attached-run-label"');
    expect(html).toMatch(/data-testid="strategy-worker-pool"/);
    expect(html).toMatch(/aria-pressed="true" aria-keyshortcuts="3" data-testid="strategy-worker-pool"/);
  });

  it('names the charts and numbers for HTTP and for the app main process, live and from ticks alone (a replay)', () => {
    for (const withStart of [true, false]) {
      const { store } = setup();
      if (withStart) store.getState().ingestEvent(attachedStarted());
      store.getState().ingestTick(makeAttachedTick(200));
      store.getState().ingestTick(makeAttachedTick(400));
      store.getState().flush();
      const throughput = textOf(renderWithStore(store, createElement(ThroughputChart)));
      expect(throughput).toContain('HTTP requests/s and HTTP latency req/s · ms');
      expect(throughput).not.toContain('jobs');
      expect(textOf(renderWithStore(store, createElement(QueueChart)))).toContain('HTTP requests in flight requests');
      expect(textOf(renderWithStore(store, createElement(EldChart)))).toContain('App main loop delay ms');
      // The lab checks its own host only: no health chart for an app it never calls.
      expect(renderWithStore(store, createElement(HealthChart))).toBe('');
      const stats = renderWithStore(store, createElement(StatsStrip));
      expect(textOf(stats.match(/data-testid="stat-throughput"[^>]*>([\s\S]*?)<\/div>/)![1]!)).toBe('120 req/s HTTP requests/s');
      expect(textOf(stats)).toContain('app main loop delay p99');
      expect(stats).not.toContain('data-testid="stat-dropped"');
    }
  });

  it('a lab run after an attached one names jobs again', () => {
    const { store } = setup();
    store.getState().ingestEvent(attachedStarted());
    store.getState().ingestTick(makeAttachedTick(200));
    store.getState().ingestEvent({ type: 'event', t: 0, event: 'run-started', config: store.getState().config });
    store.getState().ingestTick(makeTick(200));
    store.getState().flush();
    expect(textOf(renderWithStore(store, createElement(ThroughputChart)))).toContain('Throughput and latency jobs/s · ms');
  });
});
