/**
 * Draws a timeline layout (timeline-layout.ts) through a small painter: rectangles, lines, marks and text. The
 * canvas implements it for the live view (and the PNG export), an SVG writer for the SVG export, so both show
 * the same picture from one routine. Per lane: a thin baseline where the thread lived, a bar as high as the
 * share of each column it was busy (red where it was blocked), the startup before it was ready, ▾ where a garbage
 * collection began, ✕ where it crashed, timed out or was killed (a tick where it was stopped); across all lanes,
 * a line where the strategy switched. Runs of equal columns are one rectangle: a solid minute is one fillRect.
 */
import { ATTACHED } from '../../../shared/attach';
import type { ExitCause } from '../../../shared/messages';
import { escapeXml } from '../charts/export/chart-picture';
import type { ChartPalette } from '../theme/palette';
import { STRATEGY_COLORS, STRATEGY_LABELS } from '../theme/palette';
import { emptyHint, laneBoxes, lanesThatFit, placeSwitchLabels, TIMELINE_GEOMETRY, timeGridStep, timelineGeometry, type TimelineGeometry } from './timeline-geometry';
import { COLUMN_ALIVE, COLUMN_BLOCKED, COLUMN_MEASURED, COLUMN_STARTING, laneColumns, layoutLanes, type Lane, type TimelineLayout } from './timeline-layout';
import type { TimelineModel } from './timeline-model';
import { exitKeyEntry, type KeyEntry } from './timeline-key';

export interface Painter {
  rect(x: number, y: number, width: number, height: number, color: string, alpha?: number): void;
  line(x1: number, y1: number, x2: number, y2: number, color: string, width?: number, alpha?: number): void;
  /** A closed polygon, filled. */
  polygon(points: readonly number[], color: string): void;
  text(x: number, y: number, text: string, color: string, size: number, align?: 'left' | 'right' | 'center', weight?: number): void;
  /** How much larger than asked it draws text (scaledText); 1 when absent. Placing text apart needs it. */
  readonly textScale?: number;
}

const textScaleOf = (painter: Painter): number => painter.textScale ?? 1;

/** The colours of the timeline, from the chart palette of the theme. */
export interface TimelineColors {
  background: string;
  text: string;
  axis: string;
  grid: string;
  busy: string;
  blocked: string;
  starting: string;
  idle: string;
  gc: string;
  exit: Readonly<Record<ExitCause, string>>;
}

export function timelineColors(palette: ChartPalette): TimelineColors {
  return {
    background: palette.background,
    text: palette.text,
    axis: palette.axis,
    grid: palette.grid,
    busy: palette.throughput,
    blocked: palette.crash,
    starting: palette.startup,
    idle: palette.axis,
    gc: palette.gc,
    exit: { crash: palette.crash, timeout: palette.timeout, injected: palette.injected, killed: palette.killed, external: palette.external, stop: palette.axis, done: palette.axis },
  };
}

/** The layout for a drawing at most `height` px high: as many lanes as fit. */
export function layoutFor(model: TimelineModel, fromMs: number, toMs: number, height: number, geometry: TimelineGeometry = TIMELINE_GEOMETRY): TimelineLayout {
  return layoutLanes(model, fromMs, toMs, lanesThatFit(height, geometry));
}

/**
 * What a lane's name says in the gutter: the summed lane's "N more threads (summed)" is too long for it, so it
 * says "+N summed" there (its tooltip, and the picture's accessible name, give the whole). An attached run's host
 * is the app's first process: "app main".
 */
export function gutterLabel(lane: Lane): string {
  if (lane.kind === 'host') return lane.tracks[0]?.strategy === ATTACHED ? 'app main' : 'host';
  if (lane.kind === 'summed') return `+${lane.summed} summed`;
  return lane.label;
}

const EXIT_MARKED: ReadonlySet<ExitCause> = new Set(['crash', 'timeout', 'injected', 'killed', 'external', 'stop']);

export function paintTimeline(
  painter: Painter,
  model: TimelineModel,
  layout: TimelineLayout,
  width: number,
  height: number,
  colors: TimelineColors,
  geometry: TimelineGeometry = TIMELINE_GEOMETRY,
): ReadonlySet<KeyEntry> {
  /** The key's entries this drawing used. */
  const drawn = new Set<KeyEntry>();
  const { gutter, right, top, axis } = geometry;
  const { fromMs, toMs } = layout;
  const plotWidth = Math.max(1, width - gutter - right);
  const columns = Math.max(1, Math.floor(plotWidth));
  const columnWidth = plotWidth / columns;
  const x = (ms: number) => gutter + ((ms - fromMs) / (toMs - fromMs)) * plotWidth;
  const boxes = laneBoxes(layout, height, geometry);
  const bottom = Math.min(height - axis, (boxes[boxes.length - 1]?.top ?? top) + (boxes[boxes.length - 1]?.height ?? 0));

  // Time grid and axis: a line every few seconds of run time, as many as a chart's axis has ticks.
  const step = timeGridStep(toMs - fromMs, plotWidth, geometry.axisText);
  for (let ms = Math.ceil(fromMs / step) * step; ms <= toMs; ms += step) {
    painter.line(x(ms), top, x(ms), height - axis, colors.grid, 1, 0.8);
    // The label at the window's right end (a run shown whole ends there) is kept inside the drawing.
    const atEnd = x(ms) > width - right - 12;
    painter.text(atEnd ? width - 1 : x(ms), height - axis / 2, `${Math.round(ms / 1000)} s`, colors.axis, geometry.axisText, atEnd ? 'right' : 'center');
  }

  layout.lanes.forEach((lane, i) => {
    const box = boxes[i]!;
    const inner = Math.max(2, box.height - 2);
    const base = box.top + box.height - 1;
    if (i % 2 === 1) painter.rect(gutter, box.top, plotWidth, box.height, colors.grid, 0.25);
    if (lane.group !== null && i > 0) painter.line(0, box.top, width - right, box.top, colors.axis, 1, 0.6);
    // Labels: each lane while they fit, else every few lanes (the tooltip names every lane).
    const every = box.height >= 10 ? 1 : Math.ceil(10 / box.height);
    if (i % every === 0 || lane.kind === 'summed' || lane.kind === 'host') {
      const weight = lane.kind === 'host' || lane.kind === 'summed' ? 700 : 400;
      painter.text(gutter - 6, box.top + box.height / 2, gutterLabel(lane), lane.kind === 'summed' ? colors.text : colors.axis, Math.min(12, Math.max(9, box.height - 2)), 'right', weight);
    }
    const { busy, state } = laneColumns(model, lane, fromMs, toMs, columns);
    // Runs of equal columns, each one rectangle.
    let runStart = 0;
    let runKey = '';
    const flush = (end: number) => {
      if (runKey === '' || end <= runStart) return;
      const [kind, level] = runKey.split(':') as [string, string];
      const left = gutter + runStart * columnWidth;
      const span = (end - runStart) * columnWidth;
      drawn.add(kind === 'gap' ? 'idle' : kind === 'start' ? 'starting' : (kind as KeyEntry));
      if (kind === 'idle') painter.rect(left, base, span, 1, colors.idle, 0.7);
      else if (kind === 'gap') painter.rect(left, base, span, 1, colors.idle, 0.25);
      else if (kind === 'start') painter.rect(left, base - inner * 0.45, span, inner * 0.45 + 1, colors.starting, 0.75);
      else {
        const h = Number(level);
        painter.rect(left, base, span, 1, colors.idle, 0.7);
        painter.rect(left, base + 1 - h, span, h, kind === 'blocked' ? colors.blocked : colors.busy, 0.9);
      }
    };
    for (let c = 0; c <= columns; c++) {
      let key = '';
      if (c < columns) {
        const bits = state[c]!;
        const value = busy[c]!;
        if (bits & COLUMN_ALIVE) {
          if (!(bits & COLUMN_MEASURED)) key = bits & COLUMN_STARTING ? 'start:0' : 'gap:0';
          else {
            const h = Math.round(value * inner);
            key = h === 0 ? (bits & COLUMN_STARTING ? 'start:0' : 'idle:0') : `${bits & COLUMN_BLOCKED ? 'blocked' : 'busy'}:${h}`;
          }
        }
      }
      if (key !== runKey) {
        flush(c);
        runStart = c;
        runKey = key;
      }
    }
    // Marks: garbage collections at the top of the lane, exits across it.
    if (lane.kind === 'summed') return;
    for (const track of lane.tracks) {
      for (const mark of track.gc) {
        if (mark.ms < fromMs || mark.ms > toMs) continue;
        const mx = x(mark.ms);
        const size = Math.min(4, box.height / 2);
        painter.polygon([mx - size, box.top + 1, mx + size, box.top + 1, mx, box.top + 1 + size * 1.2], colors.gc);
        drawn.add('gc');
      }
      if (track.endMs !== null && track.exitCause && EXIT_MARKED.has(track.exitCause) && track.endMs >= fromMs && track.endMs <= toMs) {
        const ex = x(track.endMs);
        const color = colors.exit[track.exitCause];
        drawn.add(exitKeyEntry(track.exitCause));
        if (track.exitCause === 'stop') painter.line(ex, box.top + 2, ex, box.top + box.height - 1, color, 1.5);
        else {
          const r = Math.max(2.5, Math.min(5, box.height / 2 - 1));
          const cy = box.top + box.height / 2;
          painter.line(ex - r, cy - r, ex + r, cy + r, color, 2);
          painter.line(ex - r, cy + r, ex + r, cy - r, color, 2);
        }
      }
    }
  });

  // Strategy switches across every lane, named in the strip above them, where no lane or lane name is.
  const switches = model.switches.filter((mark) => mark.ms >= fromMs && mark.ms <= toMs).map((mark) => ({ mark, x: x(mark.ms), text: mark.label ?? `→ ${STRATEGY_LABELS[mark.to]}` }));
  // The stretch from each switch's request to its event (draining, starting), shaded across the lanes.
  for (const { mark, x: sx } of switches) {
    const from = mark.fromMs === null ? sx : x(Math.max(fromMs, mark.fromMs));
    if (sx - from < 1) continue;
    painter.rect(from, top, sx - from, bottom - top, colors.axis, 0.14);
    drawn.add('switching');
  }
  for (const { mark, x: sx } of switches) painter.line(sx, top - 2, sx, bottom, STRATEGY_COLORS[mark.to], 2);
  if (switches.length > 0) drawn.add('switch');
  for (const label of placeSwitchLabels(switches, width, geometry.switchText * textScaleOf(painter), geometry)) {
    const { mark, text } = switches[label.index]!;
    painter.text(label.x, top / 2, text, STRATEGY_COLORS[mark.to], geometry.switchText, label.align, 700);
  }
  if (layout.lanes.length === 0) {
    const hint = emptyHint(plotWidth, 13 * textScaleOf(painter));
    painter.text(gutter + plotWidth / 2, (top + height - axis) / 2, hint, colors.axis, 13, 'center');
  }
  return drawn;
}

/** A painter that writes its text `scale` times larger: the stage's timeline, read from the back of a room. */
export function scaledText(painter: Painter, scale: number): Painter {
  if (scale === 1) return painter;
  return { ...painter, textScale: textScaleOf(painter) * scale, text: (x, y, text, color, size, align, weight) => painter.text(x, y, text, color, size * scale, align, weight) };
}

/** The canvas as a painter; coordinates in CSS pixels (the context is scaled by the device pixel ratio). */
export function canvasPainter(context: CanvasRenderingContext2D, fontFamily: string): Painter {
  return {
    rect(x, y, width, height, color, alpha = 1) {
      context.globalAlpha = alpha;
      context.fillStyle = color;
      context.fillRect(x, y, width, height);
    },
    line(x1, y1, x2, y2, color, width = 1, alpha = 1) {
      context.globalAlpha = alpha;
      context.strokeStyle = color;
      context.lineWidth = width;
      context.beginPath();
      context.moveTo(x1, y1);
      context.lineTo(x2, y2);
      context.stroke();
    },
    polygon(points, color) {
      context.globalAlpha = 1;
      context.fillStyle = color;
      context.beginPath();
      for (let i = 0; i + 1 < points.length; i += 2) (i === 0 ? context.moveTo : context.lineTo).call(context, points[i]!, points[i + 1]!);
      context.closePath();
      context.fill();
    },
    text(x, y, text, color, size, align = 'left', weight = 400) {
      context.globalAlpha = 1;
      context.fillStyle = color;
      context.font = `${weight} ${size}px ${fontFamily}`;
      context.textAlign = align;
      context.textBaseline = 'middle';
      context.fillText(text, x, y);
    },
  };
}

const r1 = (value: number): string => String(Math.round(value * 10) / 10);

/** An SVG writer as a painter: `parts` gets one element per call. */
export function svgPainter(parts: string[], fontFamily: string): Painter {
  const opacity = (alpha: number) => (alpha < 1 ? ` opacity="${Math.round(alpha * 100) / 100}"` : '');
  return {
    rect(x, y, width, height, color, alpha = 1) {
      parts.push(`<rect x="${r1(x)}" y="${r1(y)}" width="${r1(width)}" height="${r1(height)}" fill="${escapeXml(color)}"${opacity(alpha)}/>`);
    },
    line(x1, y1, x2, y2, color, width = 1, alpha = 1) {
      parts.push(`<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" stroke="${escapeXml(color)}" stroke-width="${width}"${opacity(alpha)}/>`);
    },
    polygon(points, color) {
      parts.push(`<polygon points="${points.map(r1).join(' ')}" fill="${escapeXml(color)}"/>`);
    },
    text(x, y, text, color, size, align = 'left', weight = 400) {
      const anchor = align === 'left' ? 'start' : align === 'right' ? 'end' : 'middle';
      parts.push(
        `<text x="${r1(x)}" y="${r1(y)}" fill="${escapeXml(color)}" font-size="${size}" font-weight="${weight}" font-family="${escapeXml(fontFamily)}" text-anchor="${anchor}" dominant-baseline="central">${escapeXml(text)}</text>`,
      );
    },
  };
}

/** The timeline as a standalone SVG document, with its title above the lanes. */
export function timelineSvg(
  model: TimelineModel,
  layout: TimelineLayout,
  width: number,
  height: number,
  colors: TimelineColors,
  title: string,
  fontFamily = 'system-ui, sans-serif',
  textScale = 1,
): string {
  const head = 28;
  const parts: string[] = [];
  const painter = svgPainter(parts, fontFamily);
  painter.text(10, head / 2, title, colors.text, 15, 'left', 700);
  parts.push(`<g transform="translate(0 ${head})">`);
  paintTimeline(scaledText(painter, textScale), model, layout, width, height, colors, timelineGeometry(textScale));
  parts.push('</g>');
  const total = height + head;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r1(width)}" height="${r1(total)}" viewBox="0 0 ${r1(width)} ${r1(total)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${r1(width)}" height="${r1(total)}" fill="${escapeXml(colors.background)}"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
