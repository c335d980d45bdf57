/**
 * How the headless hosts print experiments: the catalog (a table, or one JSON line each), an experiment's header,
 * its verdict (one JSON line, or a readable block) and the table of `npm run experiments`.
 */
import { CLAIMS } from '../../shared/experiments/catalog';
import { formatNumber } from '../../shared/experiments/checks';
import type { Experiment, MachineFacts, Verdict } from '../../shared/experiments/types';

/** Pads every column to its widest cell; the last column is left ragged. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')).join('\n');
}

/** The catalog as a table: id, claims, length, title. */
export function catalogTable(experiments: readonly Experiment[]): string {
  const rows = experiments.map((e) => [e.id, e.claims.join(', '), `${e.durationS} s`, e.title]);
  return table([['experiment', 'claims', 'length', 'title'], ...rows]);
}

/** One catalog entry as a JSON line. */
export function catalogLine(experiment: Experiment): string {
  const { id, title, claims, durationS } = experiment;
  return JSON.stringify({ type: 'experiment', id, title, claims, durationS });
}

/** What a run of `experiment` will do, before it starts. */
export function experimentHeader(experiment: Experiment): string {
  const ends = experiment.segments.map((_, i) => experiment.segments[i + 1]?.atS ?? experiment.durationS);
  const timeline = experiment.segments.map((s, i) => `${s.label} ${s.atS}-${ends[i]} s`).join(', ');
  const crashes = experiment.actions?.length ? `; crashes at ${experiment.actions.map((a) => `${a.atS} s`).join(', ')}` : '';
  const claims = experiment.claims.map((c) => `  claim ${c}: ${CLAIMS[c]}`).join('\n');
  const watch = experiment.watch.map((w) => `  watch ${w.chart} / ${w.line}: ${w.look}`).join('\n');
  return `experiment ${experiment.id}: ${experiment.title}\n${claims}\n  timeline: ${timeline}${crashes}\n${watch}\n`;
}

/** The verdict as one JSON line. */
export function verdictLine(verdict: Verdict): string {
  const { experiment, holds, measured, expected, why, machine } = verdict;
  return JSON.stringify({ type: 'verdict', experiment, holds, measured, expected, why, machine });
}

/** The verdict in words. */
export function holdsWord(holds: boolean | null): string {
  return holds === true ? 'HOLDS' : holds === false ? 'DOES NOT HOLD' : 'INCONCLUSIVE';
}

/** The machine in a line: `2 cores, AMD EPYC, node v20.20.2`. */
export function machineLine(machine: MachineFacts): string {
  return `${machine.cores} core${machine.cores === 1 ? '' : 's'}, ${machine.cpuModel}, node ${machine.node}`;
}

/** The numbers of a verdict, segment by segment: `main: host-eld-p99.median 15; pool: ...`. */
export function keyNumbers(verdict: Verdict): string {
  return Object.entries(verdict.measured)
    .map(([segment, values]) => `${segment}: ${Object.entries(values).map(([key, value]) => `${key} ${formatNumber(value)}`).join(', ')}`)
    .join('; ');
}

/** The verdict as a readable block. */
export function verdictBlock(verdict: Verdict): string {
  return [
    `\nverdict (${verdict.experiment}): ${holdsWord(verdict.holds)}`,
    `  expected: ${verdict.expected}`,
    `  measured: ${keyNumbers(verdict)}`,
    `  why: ${verdict.why}`,
    `  machine: ${machineLine(verdict.machine)}`,
  ].join('\n');
}

/** The table of `npm run experiments`: one row per experiment run. */
export function resultsTable(results: ReadonlyArray<{ experiment: Experiment; verdict: Verdict | null; error?: string }>): string {
  const rows = results.map(({ experiment, verdict, error }) => [
    experiment.id,
    experiment.claims.join(', '),
    verdict ? holdsWord(verdict.holds) : 'ERROR',
    verdict ? keyNumbers(verdict) : (error ?? ''),
  ]);
  const machine = results.find((r) => r.verdict)?.verdict?.machine;
  return `${table([['experiment', 'claims', 'verdict', 'key numbers'], ...rows])}${machine ? `\nmachine: ${machineLine(machine)}` : ''}`;
}
