/**
 * Units that died, as marks in a lane just above the plot of the event-loop delay chart: a red dot for a
 * crash, a red ring for a crash by an injected fault, an orange diamond for a timeout, a red cross for a kill, a red
 * triangle pointing down for a kill from outside the lab, each on a short stem with a faint guide down
 * through the plot, so the exit lines up with what the delay did at that moment. In their own lane they never
 * cover the delay lines or the strategy-switch labels (dashed lines in the strategy's color, inside the plot).
 * Hovering a mark shows what happened ("thread 7 crashed: exited with code 1"). One small SVG group per mark,
 * no animation, and the marks come from a bounded buffer.
 */
import { usePlotArea, useXAxisScale } from 'recharts';
import type { AbnormalCause, ExitMarker } from '../state/events-log';
import type { ChartPalette } from '../theme/palette';

/** Distance of the marks' centers above the plot, px; the chart's top margin must leave room for it. */
export const EXIT_LANE_OFFSET = 13;
const HEAD = 5.5;

function Head({ cause, x, y, color, halo }: { cause: AbnormalCause; x: number; y: number; color: string; halo: string }) {
  if (cause === 'timeout') {
    const d = HEAD + 1.5;
    return <path d={`M${x} ${y - d}L${x + d} ${y}L${x} ${y + d}L${x - d} ${y}Z`} fill={color} stroke={halo} strokeWidth={1.5} />;
  }
  if (cause === 'injected') {
    return <circle cx={x} cy={y} r={HEAD} fill={halo} stroke={color} strokeWidth={2.5} />;
  }
  if (cause === 'external') {
    const d = HEAD + 0.5;
    return <path d={`M${x - d} ${y - d}L${x + d} ${y - d}L${x} ${y + d}Z`} fill={color} stroke={halo} strokeWidth={1.5} />;
  }
  if (cause === 'killed') {
    const d = HEAD;
    return <path d={`M${x - d} ${y - d}L${x + d} ${y + d}M${x + d} ${y - d}L${x - d} ${y + d}`} stroke={color} strokeWidth={3.5} strokeLinecap="round" />;
  }
  return <circle cx={x} cy={y} r={HEAD} fill={color} stroke={halo} strokeWidth={1.5} />;
}

export interface ExitMarkersProps {
  markers: readonly ExitMarker[];
  palette: ChartPalette;
}

/** Rendered as a child of a recharts chart: reads the x scale and plot area from the chart. */
export function ExitMarkers({ markers, palette }: ExitMarkersProps) {
  const xScale = useXAxisScale();
  const plot = usePlotArea();
  if (!xScale || !plot || markers.length === 0) return null;
  const lane = plot.y - EXIT_LANE_OFFSET;
  const bottom = plot.y + plot.height;
  return (
    <g className="exit-markers" data-testid="exit-markers">
      {markers.map((marker) => {
        const x = xScale(marker.t);
        if (x === undefined || !Number.isFinite(x) || x < plot.x || x > plot.x + plot.width) return null;
        const color = palette[marker.cause];
        return (
          <g key={`${marker.unitId}@${marker.t}`} className="exit-marker" data-testid="exit-marker" data-cause={marker.cause}>
            <title>{`t = ${marker.t.toFixed(1)} s · ${marker.text}`}</title>
            <line x1={x} x2={x} y1={plot.y} y2={bottom} stroke={color} strokeOpacity={0.3} strokeWidth={1.5} />
            <line x1={x} x2={x} y1={lane} y2={plot.y + 4} stroke={color} strokeWidth={2.5} />
            <Head cause={marker.cause} x={x} y={lane} color={color} halo={palette.background} />
            {/* A wider, invisible target: a thin mark is hard to hover. */}
            <rect x={x - 8} y={lane - HEAD - 3} width={16} height={EXIT_LANE_OFFSET + HEAD + 7} fill="transparent" />
          </g>
        );
      })}
    </g>
  );
}
