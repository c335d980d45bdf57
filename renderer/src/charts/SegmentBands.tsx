/**
 * An experiment's segments on a time chart: one tinted band per segment (alternating tints, a dashed edge where
 * the next begins) labelled with its name at the bottom, where the switch labels at the top never cover it,
 * on alternating lines because a 60 s window makes a few-second segment narrow.
 * Returned as an array of recharts ReferenceAreas, because a chart reads its children by element type.
 */
import { useMemo } from 'react';
import { ReferenceArea } from 'recharts';
import { segmentBands, type SegmentBand } from '../experiments/experiment-run';
import { useLab } from '../state/use-lab';
import type { ChartPalette } from '../theme/palette';

interface BandLabelProps {
  text: string;
  color: string;
  halo: string;
  /** 0 or 1: neighbouring bands put their labels on two lines, so narrow bands' labels never print over each other. */
  row: number;
  /** Filled in by recharts when it renders the label. */
  viewBox?: { x?: number; y?: number; width?: number; height?: number };
}

function BandLabel({ text, color, halo, row, viewBox }: BandLabelProps) {
  const x = (viewBox?.x ?? 0) + 6;
  const y = (viewBox?.y ?? 0) + (viewBox?.height ?? 0) - 6 - row * 16;
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
export function bandAreas(bands: readonly SegmentBand[], palette: ChartPalette, yAxisId?: string) {
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
      ifOverflow="hidden"
      label={<BandLabel text={band.label} color={palette.text} halo={palette.background} row={band.index % 2} />}
    />
  ));
}
