/** The dot renderer of a sparse line: a dot only where the line itself cannot show the value (see isIsolated). */
import type { DotItemDotProps } from 'recharts';
import { isIsolated } from './isolated';

/** Module-level so recharts sees the same function every render. */
export function isolatedDot({ points, index, cx, cy, stroke }: DotItemDotProps) {
  if (cx === undefined || cy === undefined || !isIsolated(points, index)) return null;
  return <circle key={index} cx={cx} cy={cy} r={4} fill={stroke} />;
}
