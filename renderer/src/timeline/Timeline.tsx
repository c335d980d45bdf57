/**
 * The timeline: a lane per thread and process of the run over the charts' window, drawn on a canvas. It reads
 * whichever store it is under (live, a replay, the presenter's stage), as the charts do, and draws only when the
 * store publishes a new frame (batched to the next animation frame, like the charts), on a resize, or on a theme
 * change: React renders the card once, never per tick. What the drawing shows is also said in words, for screen
 * readers and tests: the canvas's accessible name, and data-* attributes (lanes, summed lanes, the host's recent
 * busy share). The pointer over a lane shows the unit, its state, its jobs and the busy run under it.
 */
import { ChartHeightContext } from '../charts/chart-height';
import { memo, useContext, useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { ChartExportButtons } from '../charts/export/ChartExportButtons';
import { PNG_SCALE } from '../charts/export/svg-to-png';
import { useOnScreen, OFF_SCREEN_REFRESH_MS } from '../components/use-on-screen';
import type { LabState, TimelineFrame } from '../state/store-types';
import { useLab, useLabStore } from '../state/use-lab';
import { ATTACHED } from '../../../shared/attach';
import { CHART_PALETTES, STRATEGY_LABELS } from '../theme/palette';
import { hoverAt, recentHostBusy, type LaneHover, type TimelineLayout } from './timeline-layout';
import { fittedHeight, laneBoxes, timelineGeometry, type TimelineGeometry } from './timeline-geometry';
import { showDrawnEntries, type KeyEntry } from './timeline-key';
import { TimelineKey } from './TimelineKey';
import { canvasPainter, layoutFor, paintTimeline, scaledText, timelineColors, timelineSvg, type TimelineColors } from './timeline-paint';
import './timeline.css';

export interface TimelineProps {
  /**
   * Most height of the drawing, CSS px: lanes shrink to share it, and a few lanes leave the drawing shorter, as tall
   * as they need (a stage that sizes the timeline fills its height instead).
   */
  height?: number;
  /** Test id of the card (and prefix of its export buttons'). */
  testId?: string;
  /** Which run this is, after the title (a comparison's A and B); also in the export's name. */
  label?: string;
  /**
   * The window shown, ms since the run started, in place of the store's (the charts' domain): a comparison shows
   * both runs over the longer one's length.
   */
  windowMs?: readonly [number, number];
  /** How much larger its text is drawn than the lab's (the presenter's stage: the size of the charts' text there). */
  textScale?: number;
  /** Whether the key names only what the drawing shows (the stage: its key at a projector's size must stay short). */
  keyOfDrawnOnly?: boolean;
}

const TITLE = 'Timeline';

interface Drawn {
  frame: TimelineFrame;
  layout: TimelineLayout;
  width: number;
  height: number;
}

/** The page's font, for the canvas text. */
function fontOf(element: Element): string {
  return getComputedStyle(element).fontFamily || 'system-ui, sans-serif';
}

function percent(share: number): string {
  return Number.isNaN(share) ? 'not measured' : `${Math.round(share * 100)} %`;
}

/** The picture in words: lanes, and how busy the host and the others were over the window. */
function describe(layout: TimelineLayout, title: string): string {
  if (layout.lanes.length === 0) return `${title} of threads and processes: no run yet`;
  const host = layout.lanes.find((lane) => lane.kind === 'host');
  const others = layout.lanes.filter((lane) => lane.kind !== 'host');
  const summed = layout.lanes.find((lane) => lane.kind === 'summed');
  const parts = [`${title} of threads and processes: ${layout.rows} lane${layout.rows === 1 ? '' : 's'}`];
  if (host) parts.push(`${host.tracks[0]?.strategy === ATTACHED ? 'app' : 'host'} main thread busy ${percent(host.busyShare)}`);
  if (others.length > 0) {
    const shares = others.map((lane) => lane.busyShare).filter((share) => !Number.isNaN(share));
    parts.push(`other lanes busy ${shares.length ? percent(shares.reduce((a, b) => a + b, 0) / shares.length) : 'not measured'} on average`);
  }
  if (summed) parts.push(`${summed.label}`);
  return parts.join('; ');
}

/** Draws the frame; returns the key's entries the drawing used. */
function draw(canvas: HTMLCanvasElement, drawn: Drawn, colors: TimelineColors, title: string, textScale: number, geometry: TimelineGeometry): ReadonlySet<KeyEntry> | null {
  const ratio = window.devicePixelRatio || 1;
  const { width, height, frame, layout } = drawn;
  const pixelWidth = Math.max(1, Math.round(width * ratio));
  const pixelHeight = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
  if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const keys = paintTimeline(scaledText(canvasPainter(context, fontOf(canvas)), textScale), frame.model, layout, width, height, colors, geometry);
  // What the picture shows, in words and attributes: no React render for it.
  canvas.setAttribute('aria-label', describe(layout, title));
  canvas.dataset.lanes = String(layout.rows);
  canvas.dataset.lanesShown = String(layout.lanes.length);
  canvas.dataset.summed = String(layout.lanes.find((lane) => lane.kind === 'summed')?.summed ?? 0);
  const hostBusy = recentHostBusy(frame.model, 2_000);
  canvas.dataset.hostBusy = Number.isNaN(hostBusy) ? '' : hostBusy.toFixed(2);
  canvas.dataset.version = String(frame.version);
  canvas.dataset.fromMs = String(layout.fromMs);
  canvas.dataset.toMs = String(layout.toMs);
  canvas.dataset.keys = [...keys].sort().join(' ');
  return keys;
}

function hoverText(hover: LaneHover): { title: string; lines: string[] } {
  const { lane, track } = hover;
  if (lane.kind === 'summed') {
    return { title: lane.label, lines: [Number.isNaN(hover.busy) ? 'not measured here' : `${hover.busy.toFixed(1)} of ${lane.summed} busy here`] };
  }
  const app = track?.strategy === ATTACHED;
  const hostName = app ? 'app main thread' : 'host main thread';
  const title = track ? (track.kind === 'host' ? `${hostName} (pid ${track.pid})` : track.kind === 'thread' ? `thread ${track.threadId ?? '?'} (pid ${track.pid})` : `process pid ${track.pid}`) : lane.label;
  const lines: string[] = [];
  if (track?.strategy) lines.push(STRATEGY_LABELS[track.strategy]);
  const state = hover.state === 'exited' && track?.exitCause ? `exited (${track.exitCause})` : hover.state;
  lines.push(`state: ${state}${hover.state === 'busy' ? ` (${Math.round(hover.busy * 100)} % of the slice)` : ''}`);
  // An app's threads run no jobs of the lab's.
  if (track?.done != null && !app) lines.push(`jobs done: ${track.done}`);
  if (hover.runMs > 0) lines.push(`busy run: ${Math.round(hover.runBusyMs)} ms busy over ${hover.runMs} ms`);
  return { title, lines };
}

const frameOf = (state: LabState): TimelineFrame => state.timeline;

export const Timeline = memo(function Timeline({ height: ownHeight, testId = 'timeline', label, windowMs, textScale = 1, keyOfDrawnOnly = false }: TimelineProps) {
  // Its own height (a comparison's smaller one), else what the layout gives (the stage fills the screen), else 270.
  const layoutHeight = useContext(ChartHeightContext);
  const height = ownHeight ?? layoutHeight ?? 270;
  // The stage gives a height to fill; a comparison gives its own, and the drawing is as tall as its lanes need, up to
  // it; in the main view the card is as tall as the delay chart beside it, and the lanes share that room too.
  const fill = ownHeight === undefined && layoutHeight !== null;
  const stretch = ownHeight === undefined && layoutHeight === null;
  /** The body's height as the card's row gives it (main view), from its ResizeObserver: no layout read per frame. */
  const room = useRef(0);
  const geometry = useMemo(() => timelineGeometry(textScale), [textScale]);
  const store = useLabStore();
  const theme = useLab((s) => s.theme);
  const card = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = useRef<HTMLUListElement>(null);
  /** Which entries the key shows now (the drawn ones, joined, or every one): it is walked again only on a change. */
  const keyShown = useRef<string | null>(null);
  const drawn = useRef<Drawn | null>(null);
  const onScreen = useOnScreen(card);
  const [hover, setHover] = useState<{ x: number; y: number; hover: LaneHover } | null>(null);
  const colors = useMemo(() => timelineColors(CHART_PALETTES[theme]), [theme]);
  const title = label ? `${TITLE} ${label}` : TITLE;

  const redraw = useCallback(() => {
    const element = canvas.current;
    const box = body.current;
    if (!element || !box) return;
    const width = box.clientWidth;
    if (width <= 0) return;
    const frame = frameOf(store.getState());
    const [fromMs, toMs] = windowMs ?? [frame.fromMs, frame.toMs];
    let layout = layoutFor(frame.model, fromMs, toMs, height, geometry);
    let drawnHeight = fill ? height : fittedHeight(layout.lanes.length, height, geometry);
    // Set here, not by React: the height follows the lanes, and React renders the card once, never per frame.
    if (stretch) {
      // The lanes need at least this; the row may give more (the delay chart beside it is taller than a few lanes),
      // and then they share all of it rather than leave an empty band under them.
      const least = `${drawnHeight}px`;
      if (box.style.minHeight !== least) box.style.minHeight = least;
      if (room.current > drawnHeight) {
        drawnHeight = room.current;
        if (drawnHeight > height) layout = layoutFor(frame.model, fromMs, toMs, drawnHeight, geometry);
      }
    } else {
      const px = `${drawnHeight}px`;
      if (box.style.height !== px) box.style.height = px;
    }
    const px = `${drawnHeight}px`;
    if (element.style.height !== px) element.style.height = px;
    drawn.current = { frame, layout, width, height: drawnHeight };
    const keys = draw(element, drawn.current, colors, title, textScale, geometry);
    // The key changes only when what is drawn does (a mark appears, a run starts): not walked on every frame.
    const shown = keyOfDrawnOnly ? (element.dataset.keys ?? '') : 'every entry';
    if (key.current && keys && shown !== keyShown.current) {
      showDrawnEntries(key.current, keyOfDrawnOnly ? keys : null);
      keyShown.current = shown;
    }
  }, [store, height, fill, stretch, colors, windowMs, title, textScale, geometry, keyOfDrawnOnly]);

  // A new frame from the store: drawn on the next animation frame, at most once per frame; out of sight, once a second.
  useEffect(() => {
    let handle = 0;
    let lastOffScreen = 0;
    const schedule = () => {
      if (handle !== 0) return;
      if (!onScreen) {
        const now = performance.now();
        if (now - lastOffScreen < OFF_SCREEN_REFRESH_MS) return;
        lastOffScreen = now;
      }
      handle = requestAnimationFrame(() => {
        handle = 0;
        redraw();
      });
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.timeline !== previous.timeline) schedule();
    });
    schedule();
    return () => {
      unsubscribe();
      cancelAnimationFrame(handle);
    };
  }, [store, redraw, onScreen]);

  useEffect(() => {
    const box = body.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      room.current = entries.at(-1)?.contentRect.height ?? room.current;
      redraw();
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [redraw]);

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const shown = drawn.current;
    if (!shown) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const { gutter, right } = geometry;
    const lane = laneBoxes(shown.layout, shown.height, geometry).findIndex((b) => y >= b.top && y < b.top + b.height);
    if (lane < 0 || x < gutter || x > shown.width - right) {
      setHover(null);
      return;
    }
    const { fromMs, toMs } = shown.layout;
    const ms = fromMs + ((x - gutter) / (shown.width - gutter - right)) * (toMs - fromMs);
    setHover({ x, y, hover: hoverAt(shown.frame.model, shown.layout.lanes[lane]!, ms) });
  };

  const make = useCallback(
    async (extension: 'svg' | 'png'): Promise<string | Blob> => {
      redraw();
      const shown = drawn.current;
      const element = canvas.current;
      if (!shown || !element) throw new Error('the timeline has not been drawn yet');
      if (extension === 'svg') return timelineSvg(shown.frame.model, shown.layout, shown.width, shown.height, colors, title, fontOf(element), textScale);
      // The PNG is the canvas, drawn again at the export's scale on the card's background.
      const picture = document.createElement('canvas');
      picture.width = Math.round(shown.width * PNG_SCALE);
      picture.height = Math.round(shown.height * PNG_SCALE);
      const context = picture.getContext('2d');
      if (!context) throw new Error('the browser gave no 2D canvas to draw the timeline on');
      context.scale(PNG_SCALE, PNG_SCALE);
      context.fillStyle = colors.background;
      context.fillRect(0, 0, shown.width, shown.height);
      paintTimeline(scaledText(canvasPainter(context, fontOf(element)), textScale), shown.frame.model, shown.layout, shown.width, shown.height, colors, geometry);
      return new Promise((resolve, reject) => picture.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas made no PNG'))), 'image/png'));
    },
    [redraw, colors, title, textScale, geometry],
  );

  const tip = hover ? hoverText(hover.hover) : null;
  return (
    <figure ref={card} className="chart-card panel timeline-card" data-testid={testId}>
      <figcaption className="chart-title">
        <span className="timeline-title" title={`${title}: threads & processes, busy per slice`}>
          {TITLE}
          {label && <span className="timeline-run"> {label}</span>} <span className="chart-unit">threads &amp; processes · busy per slice</span>
        </span>
        <span className="chart-tools">
          <ChartExportButtons card={card} name={title} testId={testId} make={make} />
        </span>
      </figcaption>
      <div ref={body} className={`timeline-body${stretch ? ' timeline-body-stretch' : ''}`} style={fill ? { height } : undefined}>
        <canvas
          ref={canvas}
          className="timeline-canvas"
          role="img"
          aria-label={`${title} of threads and processes`}
          data-testid={`${testId}-canvas`}
          style={fill ? { height } : undefined}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
        />
        {tip && hover && (
          <div className="timeline-tooltip" role="status" data-testid={`${testId}-tooltip`} style={{ left: Math.min(hover.x + 12, (drawn.current?.width ?? 0) - 230), top: hover.y + 12 }}>
            <strong>{tip.title}</strong>
            {tip.lines.map((line) => (
              <span key={line}>{line}</span>
            ))}
          </div>
        )}
      </div>
      <TimelineKey keyRef={key} colors={colors} testId={testId} />
    </figure>
  );
});
