/**
 * The totals of the run that just ended (the engine's summary): jobs completed, failed (with why, grouped),
 * dropped, cancelled by the stop (never started: not a failure) and retried, throughput, latency, the host's loop delay over the whole run, and the threads and
 * processes started, ended and left alive. Shown from the stop until the next start, or until dismissed.
 */
import { useMemo } from 'react';
import { failureRows } from '../state/events-log';
import { formatCount, formatMs, formatRate } from '../state/format';
import { useLab } from '../state/use-lab';
import { Stat } from './Stat';

function runLength(ms: number): string {
  const s = ms / 1000;
  return s >= 120 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`;
}

export function RunSummary() {
  const summary = useLab((s) => s.summary);
  const running = useLab((s) => s.running);
  const dismiss = useLab((s) => s.dismissSummary);
  const failures = useMemo(() => (summary ? failureRows(summary.failures) : []), [summary]);
  if (!summary || running) return null;
  const { jobs, config } = summary;
  const switches = summary.switches > 0 ? ` · ${summary.switches} switch${summary.switches === 1 ? '' : 'es'}` : '';
  return (
    <section className="summary panel" aria-label="last run summary" data-testid="run-summary">
      <div className="summary-head">
        <h2 className="section-title">
          Last run <span className="muted">
            {runLength(summary.t)} · ended on {config.strategy} · {config.workload} {config.size}
            {switches}
          </span>
        </h2>
        <button type="button" className="message-dismiss" aria-label="dismiss the summary" data-testid="summary-dismiss" onClick={dismiss}>
          ✕
        </button>
      </div>
      <div className="summary-body">
        <div className="summary-stats">
          <Stat label="completed" value={formatCount(jobs.completed)} testId="summary-completed" />
          <Stat label="failed" value={formatCount(jobs.failed)} testId="summary-failed" tone={jobs.failed > 0 ? 'bad' : undefined} />
          <Stat label="dropped" value={formatCount(jobs.dropped)} testId="summary-dropped" tone={jobs.dropped > 0 ? 'warn' : undefined} />
          <Stat
            label="cancelled"
            value={formatCount(jobs.cancelled)}
            testId="summary-cancelled"
            help="Jobs still queued when the run stopped: they never started, so they are not failures"
          />
          <Stat label="retried" value={formatCount(jobs.retried)} testId="summary-retried" tone={jobs.retried > 0 ? 'warn' : undefined} />
          <Stat label="throughput (run)" value={formatRate(summary.throughput)} testId="summary-throughput" />
          <Stat
            label="latency p50 / p99 / max"
            value={summary.latency ? `${formatMs(summary.latency.p50)} / ${formatMs(summary.latency.p99)} / ${formatMs(summary.latency.max)}` : '–'}
            testId="summary-latency"
          />
          <Stat label="host loop delay p99 (max)" value={summary.hostEld ? `${formatMs(summary.hostEld.p99)} (${formatMs(summary.hostEld.max)})` : '–'} testId="summary-host-eld" tone={(summary.hostEld?.p99 ?? 0) > 50 ? 'bad' : undefined} />
          <Stat
            label="units started / exited"
            value={`${formatCount(summary.unitsStarted)} / ${formatCount(summary.unitsExited)}`}
            testId="summary-units"
            help="Threads and processes the run started and ended"
          />
          <Stat
            label="left alive"
            value={formatCount(summary.unitsAlive)}
            testId="summary-alive"
            tone={summary.unitsAlive > 0 ? 'bad' : 'good'}
            help="Threads and processes of the lab still alive after the stop: 0 means nothing was left behind"
          />
        </div>
        {failures.length > 0 && (
          <div className="summary-failures" data-testid="summary-failures">
            <h3 className="summary-subtitle">Why jobs failed</h3>
            <ul className="failure-list">
              {failures.map((row) => (
                <li key={row.reason} className="failure" data-testid="failure-reason">
                  <span className="failure-count">{formatCount(row.count)}</span>
                  <span className="failure-reason">{row.reason}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
