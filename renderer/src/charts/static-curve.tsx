/**
 * The `shape` of every live Line: recharts' own curve, minus the ref recharts keeps to the path. recharts 3
 * reads that path's getTotalLength() on every render for its draw-in animation, even with animation off
 * (Line.js, CurveWithAnimation); on a 300-point path, ten lines, five times a second, that measuring was the
 * page's single largest cost (~0.6 s of every 6 s in a CPU profile). Without the ref there is nothing to
 * measure; with isAnimationActive={false} the length was never used.
 */
import { Curve, type CurveProps } from 'recharts';

export function staticCurve(props: CurveProps) {
  const { pathRef: _unused, ...rest } = props;
  return <Curve {...rest} />;
}
