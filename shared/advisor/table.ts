/**
 * The advisor's table as rows of text cells, with units in the headers: the CLI pads them into columns, the app
 * renders them as a table. Pure, so both show the same numbers the same way.
 */
import { spread } from './recommend';
import type { CellMeasurement } from './types';
import { cellLabel, percent } from './words';

/** Column headers, each naming its unit. */
export const TABLE_HEADERS = ['strategy', 'saturation jobs/s', 'spread', 'open jobs/s', 'latency p50 ms', 'latency p99 ms', 'host ELD p99 ms', 'MiB/unit', 'startup ms', 'failed'] as const;

const fixed = (value: number, digits = 1) => value.toFixed(value >= 100 ? 0 : digits);

/** One row per cell; a cell that could not be measured says why instead of its numbers. */
export function tableRows(cells: readonly CellMeasurement[]): string[][] {
  return cells.map((cell) => {
    if (cell.problem) return [cellLabel(cell), `not measured: ${cell.problem}`];
    const s = spread(cell);
    return [
      cellLabel(cell),
      fixed(cell.throughput),
      Number.isFinite(s) ? percent(s) : '-',
      fixed(cell.openRate),
      fixed(cell.latencyP50, 2),
      fixed(cell.latencyP99, 2),
      fixed(cell.hostEldP99, 2),
      cell.memoryPerUnit === null ? '-' : fixed(cell.memoryPerUnit / 1_048_576),
      cell.startupMs === null ? '-' : fixed(cell.startupMs),
      String(cell.failed),
    ];
  });
}
