import { describe, expect, it } from 'vitest';
import type { UnitTick } from '../../../shared/messages';
import { exitFacts, makeUnit } from '../testing/fake-lab';
import { UnitTracker, type UnitRow } from '../state/units';
import { Row, rowPropsEqual, type RowProps } from './UnitTable';
import { rowView } from './unit-row-view';

const crash = () => undefined;
const propsOf = (row: UnitRow): RowProps => ({ view: rowView(row), onCrash: crash });

/** Feeds the same tracker the app uses `count` ticks of these units, and returns the rows after each. */
function rowsAfter(tracker: UnitTracker, units: UnitTick[]): Map<string, UnitRow> {
  tracker.applyTick(units, 0);
  return new Map(tracker.snapshot().map((row) => [row.id, row]));
}

describe('unit table rows re-render only when what they show changes', () => {
  it('the table memoises its rows with this comparison', () => {
    expect((Row as unknown as { compare: unknown }).compare).toBe(rowPropsEqual);
  });

  it('a unit whose figures moved below what the row shows keeps its row; one whose jobs done moved does not', () => {
    const tracker = new UnitTracker();
    const idle = (elu: number, heapUsed: number, p99: number) => makeUnit({ id: 'idle', elu, cpu: 0, heapUsed, eld: { p50: 1, p99, max: 3 }, done: 7 });
    const busy = (done: number) => makeUnit({ id: 'busy', threadId: 2, done });
    // A full sparkline of an idle unit: one more idle sample draws the same line.
    for (let i = 0; i < 40; i++) rowsAfter(tracker, [idle(0, 4_000_000, 2), busy(i)]);
    const before = rowsAfter(tracker, [idle(0, 4_000_000, 2), busy(40)]);
    const after = rowsAfter(tracker, [idle(0.0004, 4_000_100, 2.001), busy(41)]);

    // The tracker made new row objects for both (the raw figures moved)...
    expect(after.get('idle')).not.toBe(before.get('idle'));
    // ...but the idle row shows the same text and line, so its memoised row skips the render.
    expect(rowPropsEqual(propsOf(before.get('idle') as UnitRow), propsOf(after.get('idle') as UnitRow))).toBe(true);
    expect(rowPropsEqual(propsOf(before.get('busy') as UnitRow), propsOf(after.get('busy') as UnitRow))).toBe(false);
  });

  it('every figure the row shows, its line and its state count as a change', () => {
    const tracker = new UnitTracker();
    const base = makeUnit({ id: 'u', elu: 0.5, cpu: 0.4, heapUsed: 4_000_000, done: 3 });
    for (let i = 0; i < 40; i++) rowsAfter(tracker, [base]);
    const reference = propsOf(rowsAfter(tracker, [base]).get('u') as UnitRow);
    const variants: Array<Partial<UnitTick>> = [
      { elu: 0.6 },
      { cpu: 0.9 },
      { heapUsed: 9_000_000 },
      { done: 4 },
      { eld: { p50: 1, p99: 40, max: 50 } },
      { state: 'busy' },
    ];
    for (const change of variants) {
      const other = new UnitTracker();
      for (let i = 0; i < 41; i++) rowsAfter(other, [base]);
      const changed = propsOf(rowsAfter(other, [{ ...base, ...change }]).get('u') as UnitRow);
      expect(rowPropsEqual(reference, changed), JSON.stringify(change)).toBe(false);
    }
    expect(rowPropsEqual(reference, { ...reference, onCrash: () => undefined })).toBe(false);
  });
});

describe('a unit figure not measured', () => {
  it('shows a dash, never 0 ms or 0%', () => {
    const tracker = new UnitTracker();
    const rows = rowsAfter(tracker, [makeUnit({ id: 'u', eld: null, elu: null, cpu: null })]);
    const view = rowView(rows.get('u') as UnitRow);
    expect(view.eldText).toBe('–');
    expect(view.eluText).toBe('–');
  });
});

describe("a unit's garbage collections in its row", () => {
  it('shows the count and total pause of the last tick, 0 for none, and a dash where not measured', () => {
    const tracker = new UnitTracker();
    const rows = rowsAfter(tracker, [
      makeUnit({ id: 'a', gc: { count: 2, pauseMs: 3.14, maxMs: 2.5 } }),
      makeUnit({ id: 'b', gc: { count: 0, pauseMs: 0, maxMs: 0 } }),
      makeUnit({ id: 'c', gc: null }),
    ]);
    expect(rowView(rows.get('a')!).gcText).toBe('2 · 3.1 ms');
    expect(rowView(rows.get('a')!).gcTitle).toMatch(/longest 2\.5 ms/);
    expect(rowView(rows.get('b')!).gcText).toBe('0');
    expect(rowView(rows.get('c')!).gcText).toBe('–');
  });
});

describe('a unit killed or frozen from outside the lab', () => {
  it('reads "killed from outside" once exited so, with the signal in its title', () => {
    const tracker = new UnitTracker();
    const rows = rowsAfter(tracker, [makeUnit({ id: 'p', kind: 'process', state: 'exited', exit: exitFacts('external') })]);
    const view = rowView(rows.get('p') as UnitRow);
    expect(view.stateText).toBe('killed from outside');
    expect(view.stateTitle).toMatch(/killed from outside the lab: killed from outside the lab by SIGKILL/);
  });

  it('reads "not responding" while idle and blocked (a frozen process), "blocked" while busy and blocked', () => {
    const tracker = new UnitTracker();
    const rows = rowsAfter(tracker, [makeUnit({ id: 'f', kind: 'process', state: 'idle', blocked: true }), makeUnit({ id: 'b', state: 'busy', blocked: true })]);
    expect(rowView(rows.get('f') as UnitRow).stateText).toBe('not responding');
    expect(rowView(rows.get('f') as UnitRow).stateTitle).toMatch(/frozen \(SIGSTOP/);
    expect(rowView(rows.get('b') as UnitRow).stateText).toBe('blocked');
  });
});
