import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUSY_SLICE_MS, SliceBins, sliceIndex } from './busy-slices';

/** A grid-aligned epoch time, so the expected slices are whole numbers. */
const T0 = 1_700_000_000_000;
const window = (first: number, count: number) => ({ first: sliceIndex(T0) + first, end: sliceIndex(T0) + first + count });

describe('busy slices', () => {
  it('a span is cut at the slice boundaries of the epoch grid', () => {
    const bins = new SliceBins();
    bins.addBusy(T0 + 10, T0 + 50);
    bins.coveredTo = T0 + 100;
    assert.deepEqual(bins.takeWindow(window(0, 4), 0).busy, [0.5, 1, 0.5, 0]);
  });

  it("a unit's report, added to the engine's bins, reads the same slices; two reports share a slice", () => {
    const unit = new SliceBins(22);
    unit.addBusy(T0 + 5, T0 + 25);
    const first = unit.takeActivity(T0 + 30);
    unit.addBusy(T0 + 30, T0 + 35);
    const second = unit.takeActivity(T0 + 60);
    assert.equal(second.from, first.from + 1, 'the next report starts in the slice the last one ended in');
    const engine = new SliceBins();
    engine.addActivity(first);
    engine.addActivity(second);
    assert.equal(engine.coveredTo, T0 + 60);
    assert.deepEqual(engine.takeWindow(window(0, 3), 0).busy, [0.75, 0.5, 0]);
  });

  it('the part of a slice no report has told yet reads 1 for a unit inside a job, 0 otherwise', () => {
    const busyUnit = new SliceBins();
    busyUnit.coveredTo = T0 + 10;
    assert.deepEqual(busyUnit.takeWindow(window(0, 3), 1).busy, [0.5, 1, 1]);
    const idleUnit = new SliceBins();
    idleUnit.coveredTo = T0 + 10;
    assert.deepEqual(idleUnit.takeWindow(window(0, 3), 0).busy, [0, 0, 0]);
  });

  it('a window is taken once: the next starts empty, and what arrives for it later is dropped', () => {
    const bins = new SliceBins();
    bins.addBusy(T0, T0 + 40);
    bins.coveredTo = T0 + 40;
    assert.deepEqual(bins.takeWindow(window(0, 2), 0).busy, [1, 1]);
    bins.addBusy(T0, T0 + 40);
    assert.deepEqual(bins.takeWindow(window(0, 2), 0).busy, [0, 0]);
  });

  it("a unit's bins stay bounded whatever the span: a long job keeps only the last slices", () => {
    const unit = new SliceBins(22);
    unit.addBusy(T0, T0 + 60_000);
    const activity = unit.takeActivity(T0 + 60_000);
    assert.equal(activity.busyUs.length, 22);
    assert.ok(activity.busyUs.every((us) => us === BUSY_SLICE_MS * 1000));
    assert.equal(activity.from, sliceIndex(T0 + 60_000) - 22, "the last 22 slices before the end");
  });

  it('spread utilisation fills the free part of the stretch, never a slice past full', () => {
    const host = new SliceBins();
    host.addBusy(T0, T0 + 20);
    host.spreadBusy(T0, T0 + 60, 20);
    host.coveredTo = T0 + 60;
    assert.deepEqual(host.takeWindow(window(0, 3), 0).busy, [1, 0.5, 0.5]);
  });

  it('collections add up per window: count, total and longest pause, from the slices they began in', () => {
    const unit = new SliceBins(22);
    unit.addGc(T0 + 1, 2);
    unit.addGc(T0 + 21, 5);
    unit.addGc(T0 + 61, 1);
    const engine = new SliceBins();
    engine.addActivity(unit.takeActivity(T0 + 70));
    assert.deepEqual(engine.takeWindow(window(0, 2), 0).gc, { count: 2, pauseMs: 7, maxMs: 5 });
    assert.deepEqual(engine.takeWindow(window(2, 2), 0).gc, { count: 1, pauseMs: 1, maxMs: 1 });
    assert.deepEqual(engine.takeWindow(window(4, 2), 0).gc, { count: 0, pauseMs: 0, maxMs: 0 });
  });

  it('a window has one value per slice, each 0..1', () => {
    const bins = new SliceBins();
    bins.addBusy(T0 - 1_000, T0 + 1_000);
    bins.spreadBusy(T0, T0 + 1_000, 5_000);
    bins.coveredTo = T0 + 500;
    const { busy } = bins.takeWindow(window(-10, 60), 1);
    assert.equal(busy.length, 60);
    assert.ok(busy.every((share) => share >= 0 && share <= 1));
  });
});

describe('busy slices of a unit blocked longer than its bins hold', () => {
  it('the slices its report left out read busy', () => {
    const unit = new SliceBins(22);
    const engine = new SliceBins();
    engine.addActivity(unit.takeActivity(T0));
    unit.addBusy(T0, T0 + 2_000);
    engine.addActivity(unit.takeActivity(T0 + 2_000));
    assert.ok(engine.takeWindow(window(0, 100), 0).busy.every((share) => share === 1));
  });
});

describe('busy slices of an idle unit', () => {
  it('reports that follow each other leave no gap, whether the unit was busy or not', () => {
    const unit = new SliceBins(22);
    const engine = new SliceBins();
    engine.addActivity(unit.takeActivity(T0 + 5));
    engine.addActivity(unit.takeActivity(T0 + 205));
    unit.addBusy(T0 + 300, T0 + 310);
    const third = unit.takeActivity(T0 + 405);
    assert.equal(third.from, sliceIndex(T0 + 205), 'from where the last report ended, idle slices included');
    engine.addActivity(third);
    const { busy } = engine.takeWindow(window(0, 20), 0);
    assert.equal(busy.filter((share) => share > 0).length, 1, JSON.stringify(busy));
  });
});
