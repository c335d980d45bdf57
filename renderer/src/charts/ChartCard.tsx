/**
 * The frame around a live chart: a title with its unit, SVG and PNG export buttons, and a fixed height so the
 * layout never jumps.
 */
import { memo, useId, type ReactElement, type ReactNode, type RefObject } from 'react';
import { ResponsiveContainer } from 'recharts';
import { ChartExportButtons } from './export/ChartExportButtons';

export interface ChartCardProps {
  /** The card's element: the chart watches it to know whether it is on screen, the export buttons read it. */
  cardRef: RefObject<HTMLElement | null>;
  title: string;
  unit: string;
  testId: string;
  /** How many points are drawn, and the newest time: e2e tests read these to see the chart move. */
  pointCount: number;
  lastT: number | undefined;
  /** The x axis's range, seconds since the run started (e2e tests check the timeline shares it). */
  domain?: readonly [number, number];
  /** Strategy-switch markers drawn (event-loop delay chart only). */
  markerCount?: number;
  /** Crash, timeout and kill marks drawn (event-loop delay chart only). */
  exitMarkerCount?: number;
  /** Experiment segments drawn as bands. */
  segmentBandCount?: number;
  /** Shown at the right of the title (a key to the chart's marks). */
  extra?: ReactNode;
  height: number;
  /** The plot takes the card's height, at least `height` (the card stretches to its row: charts.css). */
  fillsRow?: boolean;
  /** One recharts chart, memoized by the caller: the same element is not redrawn when only the card re-renders. */
  children: ReactElement;
}

/** Memo on its children: ResponsiveContainer re-rendering with the same chart element leaves the chart alone. */
const ChartBody = memo(function ChartBody({ height, fillsRow, children }: { height: number; fillsRow: boolean; children: ReactElement }) {
  return (
    <div className={fillsRow ? 'chart-body chart-body-fill' : 'chart-body'} style={fillsRow ? { minHeight: height } : undefined}>
      <ResponsiveContainer width="100%" height={fillsRow ? '100%' : height}>
        {children}
      </ResponsiveContainer>
    </div>
  );
});

export function ChartCard({ cardRef: card, title, unit, testId, pointCount, lastT, domain, markerCount, exitMarkerCount, segmentBandCount, extra, height, fillsRow = false, children }: ChartCardProps) {
  // Named by its title and unit, not by everything in the caption (the export buttons) or the picture (tick labels).
  const titleId = useId();
  return (
    <figure
      ref={card}
      aria-labelledby={titleId}
      className={fillsRow ? 'chart-card chart-card-fill panel' : 'chart-card panel'}
      data-testid={testId}
      data-points={pointCount}
      data-last-t={lastT ?? ''}
      data-domain={domain?.join(' ')}
      data-markers={markerCount}
      data-exit-markers={exitMarkerCount}
      data-segment-bands={segmentBandCount ?? 0}
    >
      <figcaption className="chart-title">
        <span id={titleId} title={`${title} (${unit})`}>
          {title} <span className="chart-unit">{unit}</span>
        </span>
        <span className="chart-tools">
          {extra}
          <ChartExportButtons card={card} name={title} testId={testId} />
        </span>
      </figcaption>
      <ChartBody height={height} fillsRow={fillsRow}>
        {children}
      </ChartBody>
    </figure>
  );
}
