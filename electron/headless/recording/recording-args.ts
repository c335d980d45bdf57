/**
 * The recording options of the CLI: `--record FILE` keeps any run (an experiment too); `--report FILE` (once or
 * twice) reads recordings instead of running; `--export csv|trace --from FILE --out OUT` converts one;
 * `--threshold EXPR` (repeatable) gates a run or a report, as k6 does. Misuse is an error naming the option.
 */
import { parseThreshold, type Threshold } from '../../../shared/recording/thresholds';
import type { CliSection } from '../cli-options';

/** The export formats. */
export const EXPORT_FORMATS = ['csv', 'trace'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The recording options, for the CLI's table (cli-args.ts): its parser and its help. */
export const RECORDING_SECTION: CliSection = {
  title: 'Recordings (one run per .nclab.jsonl file: a header with the settings and the machine, then every tick and event):',
  options: [
    { name: 'record', type: 'string', placeholder: '<file>', description: 'keep this run (or experiment) in a recording, written as it goes' },
    {
      name: 'report',
      type: 'string',
      placeholder: '<file>',
      multiple: true,
      description: "print a recorded run's report; give --report twice to compare two runs side by side",
    },
    {
      name: 'threshold',
      type: 'string',
      placeholder: '<expr>',
      multiple: true,
      description:
        'fail (exit code 1) unless a figure holds, e.g. "host.eld.p99<20", "jobs.failed==0", on an attached run "http.p99<50", "http.errors==0", "app.failed==0"; repeatable; on a run or a --report (figures: see a report)',
    },
    {
      name: 'export',
      type: 'string',
      placeholder: '<format>',
      description:
        'with --from and --out: converts a recording to CSV (per tick, and per unit beside it; OpenTelemetry names where a column is one of its Node.js runtime metrics, unit suffixed) or to a Trace Event Format file (https://ui.perfetto.dev, chrome://tracing)',
      allowed: EXPORT_FORMATS,
    },
    { name: 'from', type: 'string', placeholder: '<file>', description: 'with --export: the recording to convert' },
    { name: 'out', type: 'string', placeholder: '<file>', description: 'with --export: the file to write' },
  ],
};

/** A request that reads recordings instead of running. */
export type RecordingRequest =
  | { kind: 'report'; files: string[]; thresholds: Threshold[]; json: boolean }
  | { kind: 'export'; format: ExportFormat; from: string; out: string }
  | { kind: 'error'; message: string };

/** What a run (or an experiment) keeps and checks besides its output. */
export interface RunOutputs {
  record: string | null;
  thresholds: Threshold[];
}

type Values = Record<string, string | boolean | string[] | undefined>;

const given = (values: Values) => Object.keys(values).filter((key) => values[key] !== undefined && values[key] !== false);

function thresholdsOf(values: Values): Threshold[] | string {
  const parsed: Threshold[] = [];
  for (const text of (values.threshold as string[] | undefined) ?? []) {
    const result = parseThreshold(text);
    if (!result.ok) return result.error;
    parsed.push(result.threshold);
  }
  return parsed;
}

function nonEmpty(option: string, value: unknown): string | { error: string } {
  return typeof value === 'string' && value.trim() !== '' ? value : { error: `--${option}: needs a file name` };
}

/** A report or export request in the options, or null when they ask to run. */
export function parseRecordingRequest(values: Values): RecordingRequest | null {
  const thresholds = thresholdsOf(values);
  if (typeof thresholds === 'string') return { kind: 'error', message: thresholds };
  if (values.report !== undefined) {
    const files = values.report as string[];
    const extra = given(values).filter((key) => !['report', 'threshold', 'json'].includes(key));
    if (extra.length > 0) return { kind: 'error', message: `--report: reads recordings and takes only --threshold and --json; drop --${extra.join(', --')}` };
    if (files.length > 2) return { kind: 'error', message: `--report: one file, or two to compare (got ${files.length})` };
    const empty = files.find((file) => file.trim() === '');
    if (empty !== undefined) return { kind: 'error', message: '--report: needs a file name' };
    return { kind: 'report', files, thresholds, json: values.json === true };
  }
  if (values.export !== undefined) {
    const format = values.export as string;
    if (!EXPORT_FORMATS.includes(format as ExportFormat)) return { kind: 'error', message: `--export: "${format}" is not a format; use ${EXPORT_FORMATS.join(' or ')}` };
    const extra = given(values).filter((key) => !['export', 'from', 'out'].includes(key));
    if (extra.length > 0) return { kind: 'error', message: `--export: takes only --from FILE and --out FILE; drop --${extra.join(', --')}` };
    const from = nonEmpty('from', values.from);
    if (typeof from !== 'string') return { kind: 'error', message: `${from.error} (the recording to export)` };
    const out = nonEmpty('out', values.out);
    if (typeof out !== 'string') return { kind: 'error', message: `${out.error} (where to write the ${format})` };
    return { kind: 'export', format: format as ExportFormat, from, out };
  }
  if (values.from !== undefined || values.out !== undefined) return { kind: 'error', message: '--from and --out: only with --export csv|trace' };
  return null;
}

/** What a run keeps and checks (`--record`, `--threshold`), or an error. */
export function parseRunOutputs(values: Values): RunOutputs | string {
  const thresholds = thresholdsOf(values);
  if (typeof thresholds === 'string') return thresholds;
  if (values.record === undefined) return { record: null, thresholds };
  const record = nonEmpty('record', values.record);
  if (typeof record !== 'string') return `${record.error} (where to write the recording, e.g. run.nclab.jsonl)`;
  return { record, thresholds };
}
