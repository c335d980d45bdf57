/**
 * A tiny line of recent values (0..1), drawn as one SVG polyline: dozens of rows update ten times a second,
 * which a full chart component per row could not afford.
 */
import { memo } from 'react';

export interface SparklineProps {
  values: readonly number[];
  color: string;
  width?: number;
  height?: number;
  /** Samples the line spans, so a young unit's line starts at the right edge instead of stretching. */
  capacity?: number;
}

export function sparklinePoints(values: readonly number[], width: number, height: number, capacity: number): string {
  const step = width / Math.max(1, capacity - 1);
  const offset = width - step * (values.length - 1);
  return values
    .map((v, i) => {
      const clamped = Math.min(1, Math.max(0, v));
      return `${(offset + i * step).toFixed(1)},${(height - 1 - clamped * (height - 2)).toFixed(1)}`;
    })
    .join(' ');
}

export const Sparkline = memo(function Sparkline({ values, color, width = 120, height = 28, capacity = 40 }: SparklineProps) {
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <line x1={0} y1={height - 1} x2={width} y2={height - 1} className="sparkline-base" />
      {values.length > 1 && <polyline points={sparklinePoints(values, width, height, capacity)} fill="none" stroke={color} strokeWidth={1.75} />}
    </svg>
  );
});
