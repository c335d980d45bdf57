/** What every live chart reads from the store, selected narrowly so unrelated updates skip the charts. */
import type { CSSProperties } from 'react';
import { CHART_PALETTES, type ChartPalette } from '../theme/palette';
import type { ChartPoint, SwitchMarker } from '../state/series';
import { useLab } from '../state/use-lab';

export interface ChartData {
  points: ChartPoint[];
  markers: SwitchMarker[];
  domain: [number, number];
  palette: ChartPalette;
  /** Same object for a theme across renders, so the tooltip is not re-rendered for a new style object. */
  tooltipStyle: CSSProperties;
  lastT: number | undefined;
}

const TOOLTIP_STYLES = {
  dark: tooltipStyleOf(CHART_PALETTES.dark),
  light: tooltipStyleOf(CHART_PALETTES.light),
};

function tooltipStyleOf(palette: ChartPalette): CSSProperties {
  return { background: palette.tooltipBg, borderColor: palette.tooltipBorder, color: palette.text, borderRadius: 8 };
}

export function useChartData(): ChartData {
  const points = useLab((s) => s.points);
  const markers = useLab((s) => s.markers);
  const domain = useLab((s) => s.domain);
  const theme = useLab((s) => s.theme);
  return { points, markers, domain, palette: CHART_PALETTES[theme], tooltipStyle: TOOLTIP_STYLES[theme], lastT: points[points.length - 1]?.t };
}
