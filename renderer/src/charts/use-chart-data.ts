/**
 * What every live chart reads from the store. The charts take a tick's new points one per frame: the event-loop
 * delay chart with the numbers and the unit table, each other chart on a later frame (slot 1 = the next frame,
 * 2 = the one after, ...). A recharts chart redraws all of itself on every new array (axes, grid, legend, each
 * line remounted: recharts keys its animation wrapper by the data, animation off or not), and four of them plus
 * 64 table rows in one frame made that frame several times too long. Spread out, a frame carries one chart, and a
 * chart shows a tick at most three frames (50 ms) after the table does. A chart out of sight takes new data at most
 * once a second (see components/use-on-screen.ts), so its recharts tree is not redrawn five times a second for nobody.
 */
import { useEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { useHeldOffScreen, usePointerWithin } from '../components/use-on-screen';
import { CHART_PALETTES, type ChartPalette } from '../theme/palette';
import { timeLabel } from './axis';
import type { ChartPoint, SwitchMarker } from '../state/series';
import type { LabState, LabStore } from '../state/store-types';
import { useLab, useLabStore } from '../state/use-lab';

export interface ChartData {
  points: ChartPoint[];
  markers: SwitchMarker[];
  domain: [number, number];
  palette: ChartPalette;
  /** Props of every chart's tooltip: the same object for a theme across renders, so it is not redrawn for nothing. */
  tooltipProps: TooltipProps;
  lastT: number | undefined;
}

/**
 * What every chart passes to recharts' Tooltip: time labels, no animation, themed box. Values are written in their
 * series' unit by each entry's own formatter (liveTooltip in LivePaths.tsx).
 */
export interface TooltipProps {
  labelFormatter: typeof timeLabel;
  isAnimationActive: false;
  contentStyle: CSSProperties;
  wrapperStyle: CSSProperties;
}

/**
 * recharts hides its tooltip box while it has no values of its own to list, which is always now that the charts
 * draw their lines themselves (LivePaths.tsx): the box is shown, and its content (liveTooltip) is empty when
 * nothing is hovered.
 */
const WRAPPER_STYLE: CSSProperties = { visibility: 'visible' };

function tooltipPropsOf(palette: ChartPalette): TooltipProps {
  const contentStyle = { background: palette.tooltipBg, borderColor: palette.tooltipBorder, color: palette.text, borderRadius: 8 };
  return { labelFormatter: timeLabel, isAnimationActive: false, contentStyle, wrapperStyle: WRAPPER_STYLE };
}

const TOOLTIP_PROPS = {
  dark: tooltipPropsOf(CHART_PALETTES.dark),
  light: tooltipPropsOf(CHART_PALETTES.light),
};

/** Which frame after the store's flush a chart takes new data on: one chart per frame (the delay chart on the flush's own). */
export const CHART_SLOTS = { throughput: 1, health: 2, queue: 3 } as const;

type Series = Pick<LabState, 'points' | 'markers' | 'domain'>;

const seriesOf = (state: LabState): Series => ({ points: state.points, markers: state.markers, domain: state.domain });

/** Runs `run` in the `frames`-th animation frame from now (a hidden page has none: it runs once it shows). */
function afterFrames(frames: number, run: () => void): () => void {
  let handle = 0;
  const step = (left: number) => {
    handle = requestAnimationFrame(() => (left <= 1 ? run() : step(left - 1)));
  };
  step(frames);
  return () => cancelAnimationFrame(handle);
}

/** The store's series, taken `slot` frames after each change; always the newest, never a backlog. */
function useStaggeredSeries(store: LabStore, slot: number): Series {
  const [taken, setTaken] = useState(() => ({ store, series: seriesOf(store.getState()) }));
  // Another store (a replay shown, or back to live): take its series at once, in this render.
  const current = taken.store === store ? taken : { store, series: seriesOf(store.getState()) };
  if (current !== taken) setTaken(current);
  const shown = useRef(current.series);
  shown.current = current.series;
  useEffect(() => {
    let cancel: (() => void) | null = null;
    const changed = (a: Series, b: Series) => a.points !== b.points || a.markers !== b.markers || a.domain !== b.domain;
    const schedule = () => {
      cancel ??= afterFrames(slot, () => {
        cancel = null;
        setTaken({ store, series: seriesOf(store.getState()) });
      });
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (changed(seriesOf(state), seriesOf(previous))) schedule();
    });
    // A flush between this render and the subscription must not be missed.
    if (changed(seriesOf(store.getState()), shown.current)) schedule();
    return () => {
      unsubscribe();
      cancel?.();
    };
  }, [store, slot]);
  return current.series;
}

function chartData(series: Series, theme: LabState['theme']): ChartData {
  const { points, markers, domain } = series;
  return { points, markers, domain, palette: CHART_PALETTES[theme], tooltipProps: TOOLTIP_PROPS[theme], lastT: points[points.length - 1]?.t };
}

/**
 * The series as the store has them: the event-loop delay chart, the one that tells the story, paints with the
 * numbers. `onScreen` false: the series held, refreshed once a second.
 */
export function useChartData(onScreen = true): ChartData {
  const points = useLab((s) => s.points);
  const markers = useLab((s) => s.markers);
  const domain = useLab((s) => s.domain);
  const live = useMemo(() => ({ points, markers, domain }), [points, markers, domain]);
  return chartData(useHeldOffScreen(live, onScreen), useLab((s) => s.theme));
}

/** The series `slot` frames after the store has them (see the header): the other charts. */
export function useStaggeredChartData(slot: number, onScreen = true): ChartData {
  return chartData(useHeldOffScreen(useStaggeredSeries(useLabStore(), slot), onScreen), useLab((s) => s.theme));
}

const NO_POINTS: ChartPoint[] = [];

/**
 * The data a chart hands recharts: its points while the pointer is over the card (or focus is in it), for the
 * tooltip to find the hovered point; none otherwise. The lines are ours (LivePaths.tsx) and the axes have fixed
 * domains, so recharts needs no data to draw the rest, and a new array on every tick made recharts clear and
 * refill its store (two updates that every part of the chart checks: ~17 % of the charts' script time at 64 units).
 */
export function useTooltipData(card: RefObject<Element | null>, points: ChartPoint[]): ChartPoint[] {
  const entered = useRef<{ x: number; y: number } | null>(null);
  const within = usePointerWithin(card, entered);
  useEffect(() => {
    const at = entered.current;
    if (!within || !at) return;
    // recharts placed the pointer while it had no data (it comes with this render, and recharts' effects, which
    // take it, ran before this parent's): a mousemove at the same place makes its tooltip find the point.
    card.current?.querySelector('.recharts-wrapper')?.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: at.x, clientY: at.y }));
  }, [within, card]);
  return within ? points : NO_POINTS;
}
