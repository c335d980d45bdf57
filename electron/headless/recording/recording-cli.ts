/**
 * What the CLI does with recordings: reads them (every bad file is a message naming it, exit code 2), prints a
 * report of one run or two side by side, checks thresholds (exit code 1 when one fails), and exports CSV or a
 * trace. Runs with `--record` and `--threshold` use the same report, from what the run sent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseRecording } from '../../../shared/recording/parse';
import type { Recording } from '../../../shared/recording/format';
import { commandLine, httpStatusText } from '../../../shared/recording/attached-report';
import { buildReport, compareReports, FIGURES, shownFigures, type RunReport } from '../../../shared/recording/report';
import { checkThresholds, type Threshold, type ThresholdResult } from '../../../shared/recording/thresholds';
import { ticksCsv, unitsCsv } from '../../../shared/recording/export-csv';
import { traceOf } from '../../../shared/recording/export-trace';
import type { RecordingRequest } from './recording-args';

/** Exit codes, as the rest of the CLI has them. */
const EXIT = { ok: 0, thresholdFailed: 1, usage: 2 } as const;

/** Reads a recording file, or says in one line why it cannot. */
export function readRecording(file: string): { ok: true; recording: Recording } | { ok: false; error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a recording' : (error as Error).message}` };
  }
  const parsed = parseRecording(text, file);
  return parsed.ok ? parsed : { ok: false, error: parsed.error };
}

/** A figure as text; `-` for one not measured (null), never a 0 standing in for it. */
/** A figure to `digits` decimals; a fraction below 0.1 to two significant digits (a latency of µs is not "0.0"). */
const number = (value: number | null, digits = 1) =>
  value === null ? '-' : Number.isInteger(value) ? String(value) : Math.abs(value) < 0.1 ? value.toPrecision(2) : value.toFixed(digits);
const NOT_MEASURED_LEGEND = '  (-: not measured in this run, or not in the recording)';

function machineLine(report: RunReport): string {
  const m = report.machine;
  return `${m.cpuModel}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${m.os} ${m.kernel}, Node ${m.node}${m.electron ? `, Electron ${m.electron}` : ''} (${m.host})`;
}

/** What an attached run ran and how the app ended, for its report. */
function attachedLines(attached: NonNullable<RunReport['attached']>): string[] {
  const exit = attached.exit;
  return [
    `  command: ${commandLine(attached.command)}`,
    `  in: ${attached.cwd}`,
    `  app: ${exit ? `${exit.detail} (exit code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'}${exit.byLab ? ', ended by the lab' : ''})` : 'still running when the recording ends'}`,
  ];
}

/** The host's loop and the jobs per strategy segment of one of the lab's own runs. */
function segmentLines(report: RunReport): string[] {
  return [
    '  per strategy segment (host event-loop delay: medians of the ticks that measured it, and the max, ms):',
    ...report.segments.map((s) => {
      const eld = s.hostEld;
      return `    ${s.fromS.toFixed(1).padStart(6)}-${s.toS.toFixed(1).padEnd(6)} s ${s.strategy.padEnd(16)} eld p50 ${number(eld?.p50 ?? null).padStart(6)}  p99 ${number(eld?.p99 ?? null).padStart(6)}  max ${number(eld?.max ?? null).padStart(7)}  ${number(s.throughput).padStart(7)} jobs/s  latency p99 ${number(s.latencyP99)} ms`;
    }),
  ];
}

/** One run's report as text. An attached run has one segment whose jobs are the HTTP requests its figures give: its responses by status instead. */
export function reportText(report: RunReport): string {
  const { attached } = report;
  const lines = [`${basename(report.name)}: ${attached ? 'attached run' : 'run'} of ${report.startedAt}${report.experiment ? `, experiment ${report.experiment}` : ''}`, `  machine: ${machineLine(report)}`];
  if (attached) lines.push(...attachedLines(attached));
  const shown = shownFigures(report);
  for (const name of shown) lines.push(`  ${name.padEnd(16)} ${number(report.figures[name]).padStart(10)}   ${FIGURES[name]}`);
  if (attached) lines.push(`  HTTP responses by status: ${attached.http ? httpStatusText(attached.http) : 'none (no process of the app served HTTP)'}`);
  else lines.push(...segmentLines(report));
  const segmentNotMeasured = !attached && report.segments.some((s) => s.hostEld === null || s.latencyP99 === null);
  if (shown.some((name) => report.figures[name] === null) || segmentNotMeasured) lines.push(NOT_MEASURED_LEGEND);
  const failures = Object.entries(report.failures);
  if (failures.length > 0) lines.push('  failures by reason:', ...failures.map(([why, n]) => `    ${n} x ${why}`));
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}

/** Two runs side by side, with the change in each figure. */
export function comparisonText(a: RunReport, b: RunReport): string {
  const changes = compareReports(a, b);
  const lines = [
    `A ${basename(a.name)} (${a.startedAt}): ${machineLine(a)}`,
    `B ${basename(b.name)} (${b.startedAt}): ${machineLine(b)}`,
    `  ${'figure'.padEnd(16)} ${'A'.padStart(10)} ${'B'.padStart(10)} ${'change'.padStart(10)} ${'%'.padStart(8)}`,
  ];
  const shown = shownFigures(a, b);
  for (const name of shown) {
    const c = changes[name];
    const sign = c.delta !== null && c.delta > 0 ? '+' : '';
    lines.push(`  ${name.padEnd(16)} ${number(c.a).padStart(10)} ${number(c.b).padStart(10)} ${(sign + number(c.delta)).padStart(10)} ${(c.percent === null ? '' : `${sign}${c.percent.toFixed(1)}%`).padStart(8)}`);
  }
  if (shown.some((name) => changes[name].a === null || changes[name].b === null)) lines.push(NOT_MEASURED_LEGEND);
  for (const warning of [...a.warnings, ...b.warnings]) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}

/** A threshold's result as the JSON output has it: `skipped` and its note when the figure was not measured. */
function thresholdJson({ text, figure, actual, passed, skipped, note }: ThresholdResult) {
  return { text, figure, actual, passed, skipped, ...(note ? { note } : {}) };
}

/** Thresholds as text, one per line; one on a figure not measured says so. */
export function thresholdsText(results: readonly ThresholdResult[]): string {
  return results
    .map((r) =>
      r.actual === null
        ? `  threshold ${r.text}: ${r.figure}: ${r.passed ? '' : 'FAILED, '}${r.note ?? ''}`
        : `  threshold ${r.text}: ${r.passed ? 'passed' : 'FAILED'} (${r.figure} = ${number(r.actual, 2)})`,
    )
    .join('\n');
}

/** Prints a report of one run (or a comparison of two) and its thresholds; the exit code. */
export function runReportRequest(request: Extract<RecordingRequest, { kind: 'report' }>, write: (text: string) => void, writeError: (text: string) => void): number {
  const reports: RunReport[] = [];
  for (const file of request.files) {
    const read = readRecording(file);
    if (!read.ok) {
      writeError(read.error + '\n');
      return EXIT.usage;
    }
    reports.push(buildReport(read.recording));
  }
  // Thresholds judge the last run given: with two, the change against the baseline (the first).
  const judged = reports.at(-1)!;
  const results = checkThresholds(request.thresholds, judged.figures, judged.cutShort);
  if (request.json) {
    const thresholds = results.map(thresholdJson);
    const body = reports.length === 2 ? { runs: reports, changes: compareReports(reports[0], reports[1]) } : { ...reports[0] };
    write(JSON.stringify({ type: 'report', ...body, thresholds }) + '\n');
  } else {
    write((reports.length === 2 ? comparisonText(reports[0], reports[1]) : reportText(reports[0])) + '\n');
    if (results.length > 0) write(thresholdsText(results) + '\n');
  }
  return results.every((r) => r.passed) ? EXIT.ok : EXIT.thresholdFailed;
}

/** Thresholds checked on a run that just ended, printed in the run's format; whether all passed. */
export function checkRunThresholds(recording: Recording, thresholds: readonly Threshold[], json: boolean, write: (text: string) => void): boolean {
  if (thresholds.length === 0) return true;
  const report = buildReport(recording);
  const results = checkThresholds(thresholds, report.figures, report.cutShort);
  write(json ? JSON.stringify({ type: 'thresholds', results: results.map(thresholdJson) }) + '\n' : thresholdsText(results) + '\n');
  return results.every((r) => r.passed);
}

/** Writes an export; the exit code. CSV writes the per-tick table to OUT and the per-unit table beside it. */
export function runExportRequest(request: Extract<RecordingRequest, { kind: 'export' }>, write: (text: string) => void, writeError: (text: string) => void): number {
  const read = readRecording(request.from);
  if (!read.ok) {
    writeError(read.error + '\n');
    return EXIT.usage;
  }
  const { recording } = read;
  try {
    if (request.format === 'csv') {
      const unitsFile = request.out.replace(/(\.csv)?$/i, '.units.csv');
      writeFileSync(request.out, ticksCsv(recording));
      writeFileSync(unitsFile, unitsCsv(recording));
      write(`wrote ${request.out} (${recording.ticks.length} ticks) and ${unitsFile} (one row per unit per tick)\n`);
    } else {
      const trace = traceOf(recording);
      writeFileSync(request.out, JSON.stringify(trace));
      write(`wrote ${request.out} (${trace.traceEvents.length} trace events; open it in https://ui.perfetto.dev or chrome://tracing)\n`);
    }
  } catch (error) {
    writeError(`--out: ${request.out}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  for (const warning of recording.warnings) writeError(`warning: ${warning}\n`);
  return EXIT.ok;
}
