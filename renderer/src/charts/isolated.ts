/**
 * A line drawn without dots (recharts' performance advice) shows nothing for a value with no value on either
 * side: a segment needs two points. A sparse series, such as unit startup under a pool (measured only in the
 * interval where units started), would then be in the legend and nowhere on the plot. These values get a dot.
 */
export function isIsolated(values: readonly { value?: unknown }[], index: number): boolean {
  // Not a finite number is not measured (see valueOf in live-series.ts).
  const has = (i: number) => {
    const value = values[i]?.value;
    return typeof value === 'number' && Number.isFinite(value);
  };
  return has(index) && !has(index - 1) && !has(index + 1);
}
