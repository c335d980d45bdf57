/**
 * A tiny line of recent values, drawn as one SVG polyline whose points are computed with the row's other figures
 * (see unit-row-view.ts): dozens of rows update five times a second, which a chart component per row could not
 * afford, and a row whose line did not move is not redrawn.
 */
import { memo } from 'react';
import { SPARK } from './unit-row-view';

export interface SparklineProps {
  /** The polyline's points in a SPARK.width x SPARK.height box; '' draws only the base line. */
  points: string;
  color: string;
}

export const Sparkline = memo(function Sparkline({ points, color }: SparklineProps) {
  const { width, height } = SPARK;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <line x1={0} y1={height - 1} x2={width} y2={height - 1} className="sparkline-base" />
      {points !== '' && <polyline points={points} fill="none" stroke={color} strokeWidth={1.75} />}
    </svg>
  );
});
