/** How the advisor names cells and numbers in its sentences and its table. Pure text, shared by the CLI and the app. */
import type { AdvisorCell, AdvisorStrategy } from './types';

/** Whether a strategy's units are threads or processes (null: the host itself). */
export function unitNoun(strategy: AdvisorStrategy): 'thread' | 'process' | null {
  if (strategy === 'main-thread') return null;
  return strategy === 'worker-pool' || strategy === 'worker-per-task' ? 'thread' : 'process';
}

/** e.g. `worker-pool with 2 threads`, `cluster with 1 process`, `main-thread`. */
export function cellName(cell: AdvisorCell): string {
  const noun = unitNoun(cell.strategy);
  if (!noun) return 'main-thread';
  const plural = cell.poolSize === 1 ? noun : noun === 'process' ? 'processes' : 'threads';
  return cell.strategy === 'worker-per-task' ? `worker-per-task (up to ${cell.poolSize} at once)` : `${cell.strategy} with ${cell.poolSize} ${plural}`;
}

/** A short label for a table or a chart axis: `worker-pool x2`, `main-thread`. */
export function cellLabel(cell: AdvisorCell): string {
  return cell.strategy === 'main-thread' ? 'main-thread' : `${cell.strategy} x${cell.poolSize}`;
}

/** Milliseconds with a precision that suits their size: 0.42 ms, 3.1 ms, 45 ms. */
export function ms(value: number): string {
  const digits = value < 1 ? 2 : value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ms`;
}

/** Bytes as MiB: 38 MiB, 2.5 MiB. */
export function mib(bytes: number): string {
  const value = bytes / 1_048_576;
  return `${value.toFixed(value < 10 ? 1 : 0)} MiB`;
}

/** Jobs per second: 97 jobs/s, 4.2 jobs/s. */
export function rate(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} jobs/s`;
}

/** A ratio: 1.9x. */
export function times(value: number): string {
  return `${value.toFixed(value < 1 ? 2 : 1)}x`;
}

/** A share as a percentage: 35%. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
