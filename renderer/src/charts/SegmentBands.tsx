/**
 * An experiment's segments on a time chart: one tinted band per segment (alternating tints, a dashed edge where
 * the next begins) labelled with its name at the bottom, where the switch labels at the top never cover it,
 * on alternating lines because a 60 s window makes a few-second segment narrow. On the stage the names go under
 * the time axis, on a line of their own, each cut to its band's width: at the stage's type size, names at the
 * foot of the plot lay over the lines near 0 (a worker pool's delay), the very thing the scene shows.
 * Returned as an array of recharts ReferenceAreas, because a chart reads its children by element type.
 */
import { useMemo } from 'react';
import { ReferenceArea } from 'recharts';
import { segmentBands, type SegmentBand } from '../experiments/experiment-run';
import { fitBandLabel } from './band-label-fit';
import { useLab } from '../state/use-lab';
import type { ChartPalette } from '../theme/palette';

interface BandLabelProps {
  text: string;
  color: string;
  halo: string;
  /** 0 or 1: neighbouring bands put their labels on two lines, so narrow bands' labels never print over each other. */
  row: number;
  /** Under the time axis at this text size (px), with the axis this tall (px); else at the plot's foot. */
  belowAxis?: BandLabelsBelowAxis;
  /** Filled in by recharts when it renders the label. */
  viewBox?: { x?: number; y?: number; width?: number; height?: number };
}

/** Where the stage puts the bands' names: a line under the time axis. */
export interface BandLabelsBelowAxis {
  textPx: number;
  axisHeight: number;
}

/** The stage's place for the names at text size `textPx`: the time axis as tall as its ticks (mark, gap, text), and the names under it. */
export function bandLabelsBelowAxis(textPx: number): BandLabelsBelowAxis {
  return { textPx, axisHeight: textPx + 12 };
}

/** The room under the time axis for the bands' names, px: one line of their text. */
export function bandLabelsLine(below: BandLabelsBelowAxis): number {
  return below.textPx + 8;
}

function BandLabel({ text, color, halo, row, belowAxis, viewBox }: BandLabelProps) {
  const x = (viewBox?.x ?? 0) + 6;
  const foot = (viewBox?.y ?? 0) + (viewBox?.height ?? 0);
  if (belowAxis) {
    const shown = fitBandLabel(text, (viewBox?.width ?? 0) - 12, belowAxis.textPx);
    return (
      <text className="segment-band-label" x={x} y={foot + belowAxis.axisHeight + belowAxis.textPx} fill={color} fontWeight={700}>
        {shown !== text && <title>{text}</title>}
        {shown}
      </text>
    );
  }
  const y = foot - 6 - row * 16;
  return (
    <text className="segment-band-label" x={x} y={y} fill={color} stroke={halo} strokeWidth={4} paintOrder="stroke" fontSize={13} fontWeight={700}>
      {text}
    </text>
  );
}

/** The bands of the active experiment in `domain` (s), or none for a plain run; the same array while neither changes. */
export function useSegmentBands(domain: readonly [number, number]): SegmentBand[] {
  const active = useLab((s) => s.activeExperiment);
  return useMemo(() => (active ? segmentBands(active.segments, domain) : []), [active, domain]);
}

/** The ReferenceAreas of `bands`, to spread among a chart's children (before its lines, so they stay on top). */
export function bandAreas(bands: readonly SegmentBand[], palette: ChartPalette, yAxisId?: string, belowAxis?: BandLabelsBelowAxis) {
  return bands.map((band) => (
    <ReferenceArea
      key={`segment-${band.id}`}
      className="segment-band"
      {...(yAxisId ? { yAxisId } : {})}
      x1={band.from}
      x2={band.to}
      fill={palette.axis}
      fillOpacity={band.index % 2 === 0 ? 0.1 : 0.04}
      stroke={palette.axis}
      strokeOpacity={0.5}
      strokeDasharray="2 4"
      // Bands lie within the domain (segmentBands clips them); "hidden" would clip a name under the axis too.
      ifOverflow={belowAxis ? 'visible' : 'hidden'}
      label={<BandLabel text={band.label} color={palette.text} halo={palette.background} row={band.index % 2} {...(belowAxis ? { belowAxis } : {})} />}
    />
  ));
}
