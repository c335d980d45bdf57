/**
 * The height a surrounding layout gives a chart's plot, overriding the chart's own: the presenter stage sizes
 * its charts and timeline to fill the space between the title and the verdict, whatever the screen. Null (the
 * default) leaves each chart its own height, as the lab's main view wants.
 */
import { createContext, useContext } from 'react';

export const ChartHeightContext = createContext<number | null>(null);

/** The height the layout gives, else `own`. */
export function useChartHeight(own: number): number {
  return useContext(ChartHeightContext) ?? own;
}

/**
 * True where the chart's card stretches to its row and the plot takes what the title leaves, the height above
 * being its least: the delay chart in the main view, beside a timeline whose 16 or more lanes need more room.
 */
export const ChartFillsRowContext = createContext(false);
