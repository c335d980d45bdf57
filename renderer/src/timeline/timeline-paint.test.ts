import { describe, expect, it } from 'vitest';
import { makeTick, makeUnit, switched, unitExited } from '../testing/fake-lab';
import { CHART_PALETTES } from '../theme/palette';
import { fittedHeight, laneBoxes, textWidth, TIMELINE_GEOMETRY, timelineGeometry } from './timeline-geometry';
import { layoutFor, paintTimeline, scaledText, timelineColors, type Painter } from './timeline-paint';
import { TimelineModel } from './timeline-model';

interface Text {
  x: number;
  y: number;
  text: string;
  size: number;
  align: 'left' | 'right' | 'center';
}

/** A painter that keeps the text it is asked to write, where and how large. */
function textRecorder(): { painter: Painter; texts: Text[] } {
  const texts: Text[] = [];
  const none = () => undefined;
  return { texts, painter: { rect: none, line: none, polygon: none, text: (x, y, text, _color, size, align = 'left') => texts.push({ x, y, text, size, align }) } };
}

/** The host and `threads` pool threads, all busy, switched to the pool at 0 ms. */
function poolModel(threads: number): TimelineModel {
  const model = new TimelineModel();
  model.ingestEvent(switched(0, null, 'worker-pool'));
  const units = Array.from({ length: threads }, (_, i) => makeUnit({ id: `w-${i + 1}`, pid: 42, threadId: i + 2, busy: new Array<number>(10).fill(1) }));
  const tick = makeTick(400, { units });
  model.ingestTick({ ...tick, sliceStart: 200, host: { ...tick.host, busy: new Array<number>(10).fill(0.5) } });
  return model;
}

const colors = timelineColors(CHART_PALETTES.dark);

describe('timeline text', () => {
  for (const [threads, scale] of [
    [1, 1],
    [16, 1],
    [63, 1],
    [16, 2],
  ] as const) {
    it(`with ${threads + 1} lanes, text ${scale}x: the switch is named above the lanes, and no lane name runs off the drawing`, () => {
      const model = poolModel(threads);
      const geometry = timelineGeometry(scale);
      const layout = layoutFor(model, 0, 10_000, 270, geometry);
      const height = fittedHeight(layout.lanes.length, 270, geometry);
      const { painter, texts } = textRecorder();
      paintTimeline(scaledText(painter, scale), model, layout, 600, height, colors, geometry);
      const firstLane = laneBoxes(layout, height, geometry)[0]!;
      const name = texts.find((t) => t.text === '→ worker pool');
      expect(name, 'the switch is named').toBeDefined();
      // Within the strip: below the drawing's top edge, above the first lane (and the host's name in it).
      expect(name!.y - name!.size / 2).toBeGreaterThanOrEqual(0);
      expect(name!.y + name!.size / 2).toBeLessThan(firstLane.top);
      const laneNames = texts.filter((t) => t.align === 'right' && t.x === geometry.gutter - 6);
      expect(laneNames.length).toBeGreaterThan(0);
      for (const t of laneNames) expect(t.x - textWidth(t.text, t.size), t.text).toBeGreaterThanOrEqual(0);
    });
  }

  it('names the summed lane in the gutter by its count', () => {
    const model = poolModel(63);
    const layout = layoutFor(model, 0, 10_000, 270);
    expect(layout.lanes.at(-1)).toMatchObject({ kind: 'summed' });
    const { painter, texts } = textRecorder();
    paintTimeline(painter, model, layout, 600, 270, colors);
    expect(texts.map((t) => t.text)).toContain(`+${layout.lanes.at(-1)!.summed} summed`);
  });
});

describe('timeline text on a stage', () => {
  it('draws text larger by the scale and leaves every other mark alone', () => {
    const calls: string[] = [];
    const painter = {
      rect: () => calls.push('rect'),
      line: () => calls.push('line'),
      polygon: () => calls.push('polygon'),
      text: (_x: number, _y: number, text: string, _color: string, size: number) => calls.push(`${text}@${size}`),
    };
    const scaled = scaledText(painter, 16 / 11);
    scaled.text(0, 0, '12 s', '#fff', 11);
    scaled.rect(0, 0, 1, 1, '#fff');
    expect(calls).toEqual(['12 s@16', 'rect']);
    expect(scaledText(painter, 1)).toBe(painter);
  });
});

describe('the key entries a drawing used', () => {
  const none = () => undefined;
  const silent: Painter = { rect: none, line: none, polygon: none, text: none };

  it('a pool busy after a switch: busy and switch, no exit marks', () => {
    const model = poolModel(2);
    const drawn = paintTimeline(silent, model, layoutFor(model, 0, 10_000, 270), 600, 270, colors);
    expect(drawn.has('busy')).toBe(true);
    expect(drawn.has('switch')).toBe(true);
    for (const entry of ['crash', 'timeout', 'stopped', 'blocked'] as const) expect(drawn.has(entry), entry).toBe(false);
  });

  it('a thread killed from outside and one timed out: their marks are keyed as crash/kill and timeout', () => {
    const model = poolModel(2);
    model.ingestEvent(unitExited(300, 'w-1', 'external'));
    model.ingestEvent(unitExited(350, 'w-2', 'timeout'));
    const drawn = paintTimeline(silent, model, layoutFor(model, 0, 10_000, 270), 600, 270, colors);
    expect(drawn.has('crash')).toBe(true);
    expect(drawn.has('timeout')).toBe(true);
    expect(drawn.has('stopped')).toBe(false);
  });

  it('nothing drawn before a run: no entry', () => {
    const model = new TimelineModel();
    expect(paintTimeline(silent, model, layoutFor(model, 0, 10_000, 270), 600, 270, colors).size).toBe(0);
  });
});

/** The gutter and right edge of the lab's timeline, which the hint must fit between. */
const TIMELINE_GEOMETRY_PLOT_MARGIN = 80;

describe('an empty timeline', () => {
  for (const width of [900, 400, 200]) {
    it(`says what to do in words that fit a drawing ${width} px wide`, () => {
      const { painter, texts } = textRecorder();
      const model = new TimelineModel();
      paintTimeline(painter, model, layoutFor(model, 0, 10_000, 200), width, 200, colors);
      const hint = texts.find((t) => t.align === 'center' && /run/i.test(t.text));
      expect(hint, 'a hint is drawn').toBeDefined();
      expect(textWidth(hint!.text, hint!.size)).toBeLessThanOrEqual(width - TIMELINE_GEOMETRY_PLOT_MARGIN);
    });
  }
});

describe('a switch that took a while', () => {
  it('shades the lanes from its request to its event', () => {
    const model = poolModel(2);
    const slow = switched(3_000, 'worker-pool', 'child-process');
    model.ingestEvent({ ...slow, tookMs: 2_000 } as typeof slow);
    const rects: Array<{ x: number; width: number; alpha: number | undefined }> = [];
    const none = () => undefined;
    const painter: Painter = { rect: (x, _y, width, _h, _c, alpha) => rects.push({ x, width, alpha }), line: none, polygon: none, text: none };
    const drawn = paintTimeline(painter, model, layoutFor(model, 0, 10_000, 270), 600, 270, colors);
    expect(drawn.has('switching'), 'keyed').toBe(true);
    const plot = 600 - TIMELINE_GEOMETRY.gutter - TIMELINE_GEOMETRY.right;
    const at = (ms: number) => TIMELINE_GEOMETRY.gutter + (ms / 10_000) * plot;
    const stretch = rects.find((r) => Math.abs(r.x - at(1_000)) < 0.5 && Math.abs(r.x + r.width - at(3_000)) < 0.5);
    expect(stretch, 'a rectangle from 1 s to 3 s').toBeDefined();
  });
});
