/**
 * The view's own speedometer, for `npm run bench:ui`: installed only when the page is opened with `?perf=1`
 * (main.tsx checks the flag once), so a normal page pays nothing, not even a listener.
 *
 * - tick-to-paint: a tick's arrival in the page (its LabApi listener) to the first paint after React committed
 *   it. The commit is seen as the stats strip's `data-tick-count` attribute changing (a MutationObserver fires
 *   right after React writes the DOM, without touching the React tree); the paint is taken as the first task
 *   after the frame that committed: a MessageChannel message posted in a frame's callbacks runs once that frame's
 *   style, layout and paint are done (the same "after paint" trick React's scheduler relies on).
 * - frame time: deltas between requestAnimationFrame callbacks, and, where Chromium has it, the
 *   long-animation-frame entries (frames over 50 ms, with how long their scripts and rendering took).
 *
 * The bench reads and resets it through `window.__uiPerf`.
 */
import type { LabApi } from '../../../shared/lab-api';
import type { UiPerfSnapshot } from '../../../shared/ui-perf';

export interface UiPerf {
  reset(): void;
  snapshot(): UiPerfSnapshot;
}

declare global {
  interface Window {
    __uiPerf?: UiPerf;
  }
}

/** True when the page asked for the probe (`?perf=1`). */
export function perfRequested(search: string): boolean {
  return new URLSearchParams(search).get('perf') === '1';
}

/** Paint time of the frame now running: resolved by a task that runs after the frame is rendered. */
function afterPaint(run: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    run();
  };
  channel.port2.postMessage(null);
}

export function installUiPerf(api: Pick<LabApi, 'onTick'>, doc: Document = document): UiPerf {
  let arrivals: number[] = [];
  let data: UiPerfSnapshot = empty();

  function empty(): UiPerfSnapshot {
    const loafSupported = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
    return { tickToPaint: [], frames: [], longFrames: [], ticks: 0, commits: 0, loafSupported };
  }

  api.onTick(() => {
    arrivals.push(performance.now());
    data.ticks += 1;
  });

  new MutationObserver(() => {
    if (arrivals.length === 0) return;
    const committed = arrivals;
    arrivals = [];
    data.commits += 1;
    const target = data;
    afterPaint(() => {
      const paintedAt = performance.now();
      for (const arrivedAt of committed) target.tickToPaint.push(paintedAt - arrivedAt);
    });
  }).observe(doc.body, { subtree: true, attributes: true, attributeFilter: ['data-tick-count'] });

  let last: number | null = null;
  const frame = (now: number) => {
    if (last !== null) data.frames.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  if (data.loafSupported) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const scripts = (entry as PerformanceEntry & { scripts?: Array<{ duration: number }> }).scripts ?? [];
        data.longFrames.push({ duration: entry.duration, script: scripts.reduce((sum, s) => sum + s.duration, 0) });
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
  }

  const perf: UiPerf = {
    reset: () => {
      data = empty();
      arrivals = [];
      last = null;
    },
    snapshot: () => data,
  };
  window.__uiPerf = perf;
  return perf;
}
