/**
 * The one place an `nclab/1` line becomes an `nclab/2` line: every reader (the app's replay, the CLI's report and
 * exports, the presenter's rehearsals) opens old recordings through parse.ts, which sends each v1 line here, so no
 * reader has to know that v1 existed.
 *
 * What changed: v1 wrote zeros where nothing was measured; v2 writes `null` (shared/messages.ts). A v1 zero is
 * turned into null only where it can only have been a placeholder:
 * - a tick's job latency `{p50: 0, p99: 0}`: every completed job records at least 1 µs (jobs/job-ledger.ts), so
 *   exact zeros are an interval that completed no job;
 * - a loop delay (the host's, a unit's, the summary's) of exact zeros: every turn of a probe records at least 1 ns
 *   (shared/loop-delay.ts), so all zeros are an interval with no sample, or one whose only samples were jobs that
 *   each ended within the 4 ms resolution (which v2 writes as zeros, measured); v1 cannot tell the two apart, and
 *   "not measured" is the reading that is never wrong;
 * - a health latency when `answered` is 0: no check answered, nothing measured;
 * - a summary's latency of exact zeros (no job completed in the run).
 * Everything else is kept as written: a v1 host `elu` of 0 may have been a window with no utilisation, but a
 * measured 0 cannot be told from it, and a guess is worse than the number.
 */

/** A parsed JSON line; the converter checks every field it touches, as an old file may hold anything. */
type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when every named field of `value` is exactly 0: v1's placeholder for a figure not measured. */
function allZero(value: unknown, fields: readonly string[]): boolean {
  return isObject(value) && fields.every((field) => value[field] === 0);
}

const DELAY_FIELDS = ['p50', 'p99', 'max'] as const;
const LATENCY_FIELDS = ['p50', 'p99'] as const;

/** A v1 loop delay (host, unit or summary) as v2 has it: null for v1's all-zero "no sample". */
function loopDelay(value: unknown): unknown {
  return allZero(value, DELAY_FIELDS) ? null : value;
}

function convertTick(tick: Json): void {
  if (isObject(tick.jobs) && allZero(tick.jobs.latency, LATENCY_FIELDS)) tick.jobs.latency = null;
  if (isObject(tick.host)) tick.host.eld = loopDelay(tick.host.eld);
  if (Array.isArray(tick.units)) {
    for (const unit of tick.units) if (isObject(unit) && 'eld' in unit) unit.eld = loopDelay(unit.eld);
  }
  if (isObject(tick.health) && tick.health.answered === 0) tick.health.latency = null;
}

function convertSummary(summary: Json): void {
  if (allZero(summary.latency, DELAY_FIELDS)) summary.latency = null;
  summary.hostEld = loopDelay(summary.hostEld);
}

/**
 * FIELDS NEWER THAN nclab/1: v1 defaults. A field added to a tick, an event or a summary after nclab/1 gets here
 * the value a v1 line stands for, so readers may rely on it being present (e.g. a count v1 never had is 0: v1
 * runs had none; a fact v1 did not record is null: unknown). Keyed by line type; add new fields below, with why.
 */
function addFieldsV1Lacks(line: Json): void {
  switch (line.type) {
    case 'tick':
      // v1 had no `cancelled`: the jobs a stop found queued were counted in `failed` (see the summary below).
      if (isObject(line.jobs)) line.jobs.cancelled ??= 0;
      break;
    case 'event':
      // v1 called the user's kill button `injected` and a death by an injected fault `crash` (it could not tell
      // that from a crash of the unit's own): the kill is `killed` now; the fault's crash stays `crash`, unknown.
      if (line.event === 'unit-exited' && line.cause === 'injected') line.cause = 'killed';
      break;
    case 'summary':
      // v1 counted the jobs a stop found queued as failed, under this reason: they are cancelled, not failed.
      if (isObject(line.jobs)) {
        const failures = isObject(line.failures) ? line.failures : {};
        const stopped = typeof failures[V1_STOPPED_REASON] === 'number' ? (failures[V1_STOPPED_REASON] as number) : 0;
        if (typeof line.jobs.cancelled !== 'number') {
          line.jobs.cancelled = stopped;
          if (typeof line.jobs.failed === 'number') line.jobs.failed -= stopped;
          delete failures[V1_STOPPED_REASON];
        }
      }
      break;
  }
}

/** The failure reason under which nclab/1 counted the jobs a stop found queued. */
const V1_STOPPED_REASON = 'run stopped before the job started';

/**
 * An `nclab/1` line (tick, event, summary or verdict, parsed, already checked to be one) in the `nclab/2` shape.
 * Takes ownership of `line`: it is changed in place and returned.
 */
export function convertV1Line<T extends Json>(line: T): T {
  if (line.type === 'tick') convertTick(line);
  else if (line.type === 'summary') convertSummary(line);
  addFieldsV1Lacks(line);
  return line;
}
