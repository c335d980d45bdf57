/**
 * Reads a recording from its text. Pure (the caller reads the file), so the CLI, the app and the tests read it
 * alike. Every error names the file and, where there is one, the line; a torn last line (a run killed while
 * writing) is not an error: the recording opens up to its last whole line, with a warning naming the line.
 * An `nclab/1` file's lines go through convert-v1.ts, so what it returns always has the newest shape.
 */
import type { LabEvent, Summary, Tick } from '../messages';
import { convertV1Line } from './convert-v1';
import { OLDEST_READABLE_VERSION, RECORDING_FORMAT, RECORDING_VERSION, type Recording, type RecordingHeader } from './format';

/** The outcome of reading a recording. */
export type ParsedRecording = { ok: true; recording: Recording } | { ok: false; error: string };

const LINE_TYPES = ['tick', 'event', 'summary', 'verdict'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a parsed line is not one a recording holds, or null when it is. */
function lineProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a JSON object';
  if (!LINE_TYPES.includes(value.type as (typeof LINE_TYPES)[number])) {
    return `unknown line type ${JSON.stringify(value.type)} (expected ${LINE_TYPES.join(', ')})`;
  }
  if (value.type !== 'verdict' && typeof value.t !== 'number') return `a ${String(value.type)} without a time "t"`;
  if (value.type === 'tick' && (!isObject(value.host) || !isObject(value.jobs) || !Array.isArray(value.units))) return 'a tick without host, jobs and units';
  return null;
}

function headerProblem(value: unknown): string | null {
  if (!isObject(value) || value.type !== 'header' || typeof value.format !== 'string') {
    return `not a Node Concurrency Lab recording (its first line must be a header with "format": "${RECORDING_FORMAT}")`;
  }
  const match = /^nclab\/(\d+)$/.exec(value.format);
  if (!match || Number(match[1]) < OLDEST_READABLE_VERSION) return `unknown format "${value.format}" (this lab reads nclab/${OLDEST_READABLE_VERSION} to ${RECORDING_FORMAT})`;
  if (Number(match[1]) > RECORDING_VERSION) return `format ${value.format} is newer than this lab reads (${RECORDING_FORMAT}); update the lab to open it`;
  if (!isObject(value.config) || !isObject(value.machine)) return 'its header has no config or machine';
  return null;
}

/** Reads `text`, the content of the recording `name`. */
export function parseRecording(text: string, name: string): ParsedRecording {
  if (text.trim() === '') return { ok: false, error: `${name}: the file is empty, not a recording` };
  const lines = text.split('\n');
  // A file ends with a newline after its last whole line; text after it is a line cut short.
  const tornTail = !text.endsWith('\n');
  const warnings: string[] = [];
  const ticks: Tick[] = [];
  const events: LabEvent[] = [];
  let header: RecordingHeader | null = null;
  let summary: Summary | null = null;
  let verdict: Recording['verdict'] = null;
  /** An `nclab/1` file: each line is converted to the newest shape (convert-v1.ts). */
  let fromV1 = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const number = i + 1;
    const last = i === lines.length - 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (last && tornTail && header) {
        warnings.push(`${name} line ${number}: cut short (the run ended while writing it); read up to line ${number - 1}`);
        break;
      }
      return { ok: false, error: `${name} line ${number}: not valid JSON${header ? '' : ', so not a Node Concurrency Lab recording'}` };
    }
    if (!header) {
      const problem = headerProblem(value);
      if (problem) return { ok: false, error: `${name} line ${number}: ${problem}` };
      header = value as RecordingHeader;
      fromV1 = header.format === 'nclab/1';
      continue;
    }
    const problem = lineProblem(value);
    if (problem) return { ok: false, error: `${name} line ${number}: ${problem}` };
    if (fromV1) value = convertV1Line(value as Record<string, unknown>);
    const typed = value as { type: (typeof LINE_TYPES)[number] };
    if (typed.type === 'tick') ticks.push(value as Tick);
    else if (typed.type === 'event') events.push(value as LabEvent);
    else if (typed.type === 'summary') summary = value as Summary;
    else {
      const { type: _type, ...rest } = value as Recording['verdict'] & { type: string };
      verdict = rest as NonNullable<Recording['verdict']>;
    }
  }
  if (!header) return { ok: false, error: `${name}: no header line, not a Node Concurrency Lab recording` };
  // No summary: the lab ended before its run did (killed, a crash of the machine), or the window saved the run
  // while it went. Everything up to the last tick is there; the figures come from the ticks.
  if (!summary && ticks.length > 0) {
    warnings.push(`${name}: its end is torn: no summary line (the lab ended, or the file was saved, before the run did); read up to ${(ticks[ticks.length - 1].t / 1000).toFixed(1)} s, its figures computed from the ticks`);
  }
  return { ok: true, recording: { name, header, ticks, events, summary, verdict, warnings } };
}
