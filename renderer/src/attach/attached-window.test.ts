/** The unit table, the timeline and the event log on a run attached to the user's app. */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { UnitTable } from '../components/UnitTable';
import { EventLog } from '../state/events-log';
import { createLabStore } from '../state/store';
import { layoutLanes } from '../timeline/timeline-layout';
import { TimelineModel } from '../timeline/timeline-model';
import { gutterLabel } from '../timeline/timeline-paint';
import { appExited, attachedStarted, makeAttachedTick } from '../testing/attached-ticks';
import { fakeClock, FakeLab, makeTick, unitExited, unitStarted } from '../testing/fake-lab';
import { renderWithStore, textOf } from '../testing/render';

function attachedStore() {
  const clock = fakeClock();
  const store = createLabStore({ api: new FakeLab(), now: clock.now });
  store.getState().ingestEvent(attachedStarted());
  for (const t of [200, 400]) {
    clock.advance(200);
    store.getState().ingestTick(makeAttachedTick(t));
  }
  store.getState().flush();
  return store;
}

describe('the unit table on an attached run', () => {
  it('has one row per process and thread, the app main first, each with its pid and thread id', () => {
    const html = renderWithStore(attachedStore(), createElement(UnitTable));
    const rows = [...html.matchAll(/<tr class="unit-row[^"]*"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    const ids = rows.map((row) => textOf(row.match(/<td class="unit-id">([^<]*)</)![1]!));
    expect(ids).toEqual(['app main (pid 5000)', 'pid 5010', 'pid 5011', 'pid 5011 · thread 1', 'pid 5020']);
    expect(textOf(html)).toContain('Your app: processes and threads');
    // No jobs of the lab's, and nothing for the lab to kill.
    expect(html).not.toContain('jobs done');
    expect(html).not.toContain('data-testid="crash-unit"');
  });

  it('a process without the agent shows dashes for its loop figures (not measured), its CPU and memory from /proc', () => {
    const html = renderWithStore(attachedStore(), createElement(UnitTable));
    const shell = html.match(/<tr class="unit-row[^"]*"[^>]*data-pid="5020"[\s\S]*?<\/tr>/)![0];
    const cells = [...shell.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!));
    // unit, id, state, CPU, ELU, ELD p99, GC, memory, sparkline, actions
    expect(cells.slice(0, 8)).toEqual(['process no agent', 'pid 5020', 'running', '1%', '–', '–', '–', '2.9 MB rss']);
  });
});

describe('the timeline on an attached run', () => {
  it("labels the host lanes as the app's main process, and gives every process and thread a lane", () => {
    const model = new TimelineModel();
    model.ingestTick(makeAttachedTick(200));
    const layout = layoutLanes(model, 0, 10_000, 20);
    expect(layout.lanes.map((lane) => [lane.group, lane.label])).toEqual([
      ['app main pid 5000', 'main'],
      ['processes', 'pid 5010'],
      [null, 'pid 5011'],
      [null, 'pid 5020'],
      ['pid 5011 threads', '5011 t#1'],
    ]);
    expect(gutterLabel(layout.lanes[0]!)).toBe('app main');
    // A lab run after it is the lab's host again.
    model.ingestTick(makeTick(400));
    const lab = layoutLanes(model, 0, 10_000, 20).lanes[0]!;
    expect([lab.group, gutterLabel(lab)]).toEqual(['host pid 42', 'host']);
  });
});

describe('the event log on an attached run', () => {
  it('tells the command, each process and thread of the app that starts or ends, and how the app exited', () => {
    const log = new EventLog();
    const app = { strategy: 'attached' as const };
    log.apply(attachedStarted());
    log.apply(unitStarted(300, 'app/pid-5010', { ...app, kind: 'process', pid: 5010, threadId: null }));
    log.apply(unitStarted(350, 'app/pid-5010/thread-1', { ...app, pid: 5010, threadId: 1 }));
    log.apply(unitExited(900, 'app/pid-5010/thread-1', 'done', { ...app, pid: 5010, threadId: 1, detail: 'exited with code 0' }));
    log.apply(unitExited(950, 'app/pid-5010', 'crash', { ...app, kind: 'process', pid: 5010, threadId: null, detail: 'exited with code 1' }));
    // The lab's Stop ends the rest: the run's own lines say so, not one per thread.
    log.apply(unitExited(1_000, 'app/pid-5011', 'stop', { ...app, kind: 'process', pid: 5011, threadId: null }));
    log.apply(appExited(1_000, { code: null, signal: 'SIGTERM', byLab: true, detail: 'killed by SIGTERM after Stop' }));
    expect(log.newestFirst().reverse().map((line) => [line.kind, line.unit, line.text])).toEqual([
      ['run', null, 'attached: node server.js --port 3000'],
      ['started', 'pid 5010', 'process started'],
      ['started', 'pid 5010 · thread 1', 'thread started'],
      ['exited', 'pid 5010 · thread 1', 'exited with code 0'],
      ['crash', 'pid 5010', 'exited with code 1'],
      ['run', null, 'app killed by SIGTERM after Stop'],
    ]);
  });
});
