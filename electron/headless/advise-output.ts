/** How the CLI prints the advisor: a padded table and the recommendation with its reasons, or one JSON line. */
import { TABLE_HEADERS, tableRows } from '../../shared/advisor/table';
import type { Advice, AdvisorProgress } from '../../shared/advisor/types';
import { cellName } from '../../shared/advisor/words';
import { ADVISOR_THRESHOLDS_WHY } from '../../shared/advisor/recommend';
import { workloadLabel } from '../../shared/custom-workload';

/** The table, its columns padded to their widest cell (a row of one long cell, a problem, is not padded). */
export function adviceTable(advice: Advice): string {
  const rows = [[...TABLE_HEADERS], ...tableRows(advice.cells)];
  const widths = TABLE_HEADERS.map((_, column) => Math.max(...rows.filter((row) => row.length > 1).map((row) => (row[column] ?? '').length)));
  return rows.map((row) => (row.length === 1 || row.length === 2 ? row.join('  ') : row.map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join('  '))).join('\n');
}

/** The whole human output: what was measured, the table, the answer and its reasons. */
export function adviceBlock(advice: Advice): string {
  const { config, machine } = advice;
  return [
    `\nAdvisor: ${workloadLabel(config)} ${config.size} on ${machine.cores} cores (${machine.cpuModel}, Node ${machine.node}); took ${advice.tookS.toFixed(0)} s of a ${advice.budgetS} s budget`,
    `(saturation: closed loop; latency and host ELD: open loop at 70% of each strategy's own saturation)\n`,
    adviceTable(advice),
    advice.baselineRepeat === null ? 'main-thread was not measured again at the end' : `main-thread again at the end: ${advice.baselineRepeat.toFixed(1)} jobs/s (how far the machine drifted during the run)`,
    `\n${advice.headline}`,
    ...advice.reasons.map((reason) => `  - ${reason}`),
    `  (thresholds: ${ADVISOR_THRESHOLDS_WHY})`,
  ].join('\n');
}

/** The one JSON line of `--json`. */
export function adviceLine(advice: Advice): string {
  return JSON.stringify({ type: 'advice', ...advice });
}

/** A progress line for the terminal while the cells run. */
export function progressLine(progress: AdvisorProgress): string {
  return progress.current ? `  [${progress.done + 1}/${progress.total}] measuring ${cellName(progress.current)}` : `  [${progress.total}/${progress.total}] done`;
}
