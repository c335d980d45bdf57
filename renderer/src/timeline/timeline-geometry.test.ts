import { describe, expect, it } from 'vitest';
import { fittedHeight, laneBoxes, lanesThatFit, placeSwitchLabels, TIMELINE_GEOMETRY, textWidth, timeGridStep, timelineGeometry } from './timeline-geometry';
import type { Lane, TimelineLayout } from './timeline-layout';

const { top, axis, maxLane, minLane, right } = TIMELINE_GEOMETRY;

function layoutOf(count: number): TimelineLayout {
  const lanes = Array.from({ length: count }, (_, i): Lane => ({ key: String(i), label: `t#${i}`, group: null, kind: 'thread', tracks: [], busyShare: 0, summed: 0 }));
  return { fromMs: 0, toMs: 10_000, lanes, rows: count };
}

describe('timeline time axis', () => {
  it('marks a short run every few seconds and the full window every 10 s', () => {
    expect(timeGridStep(12_000)).toBe(2_000);
    expect(timeGridStep(10_000)).toBe(2_000);
    expect(timeGridStep(25_000)).toBe(5_000);
    expect(timeGridStep(60_000)).toBe(10_000);
  });
  it('keeps a long comparison readable', () => {
    expect(timeGridStep(600_000)).toBe(120_000);
    expect(timeGridStep(1e9)).toBe(600_000);
  });

  it('draws fewer lines where the drawing is too narrow for seven labels to stand apart', () => {
    // 12 s on a wide drawing: every 2 s; on the 1024-wide stage's half (about 310 px, 16 px labels): fewer.
    expect(timeGridStep(12_000, 1200, 11)).toBe(2_000);
    const narrow = timeGridStep(12_000, 310, 16);
    expect(narrow).toBeGreaterThan(2_000);
    const labels = Math.floor(12_000 / narrow) + 1;
    expect((310 / (labels - 1)) >= textWidth('600 s', 16)).toBe(true);
  });
});

describe('timeline height', () => {
  it('is as tall as a few lanes need at their largest: no empty band under them', () => {
    expect(fittedHeight(3, 270)).toBe(top + axis + 3 * maxLane);
    const boxes = laneBoxes(layoutOf(3), fittedHeight(3, 270));
    expect(boxes.map((b) => b.height)).toEqual([maxLane, maxLane, maxLane]);
    // The last lane ends where the axis begins.
    expect(boxes[2]!.top + boxes[2]!.height).toBe(fittedHeight(3, 270) - axis);
  });

  it('keeps its whole height for many lanes, which shrink to share it, down to their least', () => {
    expect(fittedHeight(17, 270)).toBe(270);
    const boxes = laneBoxes(layoutOf(17), 270);
    expect(boxes[0]!.height).toBeLessThan(maxLane);
    expect(boxes[0]!.height).toBeGreaterThanOrEqual(minLane);
    expect(boxes[16]!.top + boxes[16]!.height).toBeLessThanOrEqual(270 - axis + 0.001);
    // Beyond what fits at the least size, the layout sums the rest (timeline-layout.ts): 270 px holds 33 lanes.
    expect(lanesThatFit(270)).toBe(Math.floor((270 - top - axis) / minLane));
  });

  it('on the stage (a drawing kept at its full height) lets a few lanes share the plot: no empty band under them', () => {
    const height = 560;
    for (const lanes of [2, 3, 5]) {
      const boxes = laneBoxes(layoutOf(lanes), height);
      const last = boxes[lanes - 1]!;
      expect(last.top + last.height, `${lanes} lanes`).toBeCloseTo(height - axis, 6);
    }
    // One lane alone takes half the plot, not all of it.
    expect(laneBoxes(layoutOf(1), height)[0]!.height).toBeCloseTo((height - top - axis) / 2, 6);
  });

  it('keeps room for the "start a run" line before there is a lane', () => {
    expect(fittedHeight(0, 270)).toBeGreaterThan(top + axis + maxLane);
  });
});

describe('strategy switch names', () => {
  const size = TIMELINE_GEOMETRY.switchText;
  const text = '→ worker pool';
  const w = textWidth(text, size);

  it('sit after their line, in the strip above the lanes', () => {
    expect(placeSwitchLabels([{ x: 70, text }], 600, size)).toEqual([{ index: 0, x: 73, align: 'left' }]);
  });

  it('sit before their line where after it they would run past the right edge', () => {
    const [label] = placeSwitchLabels([{ x: 590 - w / 2, text }], 600, size);
    expect(label).toMatchObject({ index: 0, align: 'right' });
    expect(label!.x).toBeLessThanOrEqual(600 - right);
  });

  it('never touch each other: the newest is named, an older one too close is left out', () => {
    // Two switches 10 px apart near the left edge: no room for the older one's name on either side.
    const marks = [
      { x: 75, text },
      { x: 85, text: '→ main thread' },
      { x: 400, text },
    ];
    const placed = placeSwitchLabels(marks, 600, size);
    expect(placed.map((p) => p.index)).toEqual([1, 2]);
    const spans = placed.map((p) => {
      const width = textWidth(marks[p.index]!.text, size);
      return p.align === 'left' ? [p.x, p.x + width] : [p.x - width, p.x];
    });
    expect(spans[0]![1]).toBeLessThan(spans[1]![0]!);
  });

  it('go before their line where after it they would touch a newer one', () => {
    const placed = placeSwitchLabels([{ x: 200, text }, { x: 230, text }], 600, size);
    expect(placed).toEqual([
      { index: 0, x: 197, align: 'right' },
      { index: 1, x: 233, align: 'left' },
    ]);
  });
});

describe('timeline geometry on a stage', () => {
  it('grows the gutter, the switch strip and the axis with the text, not the lanes', () => {
    const stage = timelineGeometry(2);
    expect(stage.gutter).toBe(TIMELINE_GEOMETRY.gutter * 2);
    expect(stage.top).toBe(top * 2);
    expect(stage.axis).toBe(axis * 2);
    expect(stage.maxLane).toBe(maxLane);
    expect(timelineGeometry(1)).toBe(TIMELINE_GEOMETRY);
  });
});
