/** What every live chart reads from the store, selected narrowly so unrelated updates skip the charts. */
import type { CSSProperties } from 'react';
import { CHART_PALETTES, type ChartPalette } from '../theme/palette';
import { timeLabel, tooltipValue } from './axis';
import type { ChartPoint, SwitchMarker } from '../state/series';
import { useLab } from '../state/use-lab';

export interface ChartData {
  points: ChartPoint[];
  markers: SwitchMarker[];
  domain: [number, number];
  palette: ChartPalette;
  /** Props of every chart's tooltip: the same object for a theme across renders, so it is not redrawn for nothing. */
  tooltipProps: TooltipProps;
  lastT: number | undefined;
}

/** What every chart passes to recharts' Tooltip: values with units, time labels, no animation, themed box. */
export interface TooltipProps {
  formatter: typeof tooltipValue;
  labelFormatter: typeof timeLabel;
  isAnimationActive: false;
  contentStyle: CSSProperties;
}

function tooltipPropsOf(palette: ChartPalette): TooltipProps {
  const contentStyle = { background: palette.tooltipBg, borderColor: palette.tooltipBorder, color: palette.text, borderRadius: 8 };
  return { formatter: tooltipValue, labelFormatter: timeLabel, isAnimationActive: false, contentStyle };
}

const TOOLTIP_PROPS = {
  dark: tooltipPropsOf(CHART_PALETTES.dark),
  light: tooltipPropsOf(CHART_PALETTES.light),
};

export function useChartData(): ChartData {
  const points = useLab((s) => s.points);
  const markers = useLab((s) => s.markers);
  const domain = useLab((s) => s.domain);
  const theme = useLab((s) => s.theme);
  return { points, markers, domain, palette: CHART_PALETTES[theme], tooltipProps: TOOLTIP_PROPS[theme], lastT: points[points.length - 1]?.t };
}
