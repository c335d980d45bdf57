/**
 * The totals of the run that just ended (the engine's summary): jobs completed, failed (with why, grouped),
 * dropped, cancelled by the stop (never started: not a failure) and retried, throughput, latency, the host's loop delay over the whole run, and the threads and
 * processes started, ended and left alive. Shown from the stop until the next start, or until dismissed. A run
 * attached to the user's app has its own: the command and how the app ended, its HTTP over the whole run, its
 * first process's loop delay, the processes and threads seen, the connections refused, what was left alive.
 */
import { useMemo } from 'react';
import type { Summary } from '../../../shared/messages';
import { joinCommandLine } from '../attach/argv';
import { ATTACHED_LABEL } from '../attach/attach-view';
import { failureRows } from '../state/events-log';
import { formatCount, formatMs, formatRate } from '../state/format';
import { useLab } from '../state/use-lab';
import { Stat } from './Stat';

function runLength(ms: number): string {
  const s = ms / 1000;
  return s >= 120 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`;
}

type AttachedSummary = NonNullable<Summary['attached']>;

function AttachedSummaryStats({ summary, app }: { summary: Summary; app: AttachedSummary }) {
  const http = app.http;
  const finished = http ? Object.entries(http.finished).filter(([, n]) => n > 0) : [];
  const statuses = finished.map(([c, n]) => `${c} ${formatCount(n)}`).join(' · ');
  // Responses by status class when the summary has them; else those below 500 (the jobs completed).
  const responses = http ? finished.reduce((sum, [, n]) => sum + n, 0) : summary.jobs.completed;
  return (
    <div className="summary-stats">
      <Stat label="HTTP responses" value={formatCount(responses)} note={statuses || undefined} testId="summary-completed" />
      <Stat label="5xx + aborted" value={formatCount(summary.jobs.failed)} testId="summary-failed" tone={summary.jobs.failed > 0 ? 'bad' : undefined} />
      <Stat label="HTTP requests/s (run)" value={formatRate(summary.throughput, 'req/s')} testId="summary-throughput" />
      <Stat
        label="HTTP latency p50 / p99 / max"
        value={summary.latency ? `${formatMs(summary.latency.p50)} / ${formatMs(summary.latency.p99)} / ${formatMs(summary.latency.max)}` : '–'}
        testId="summary-latency"
      />
      <Stat label="app main loop delay p99 (max)" value={summary.hostEld ? `${formatMs(summary.hostEld.p99)} (${formatMs(summary.hostEld.max)})` : '–'} testId="summary-host-eld" tone={(summary.hostEld?.p99 ?? 0) > 50 ? 'bad' : undefined} />
      <Stat label="processes / threads seen" value={`${formatCount(app.processesSeen)} / ${formatCount(app.threadsSeen)}`} testId="summary-app-units" />
      <Stat
        label="refused connections"
        value={formatCount(app.refused)}
        testId="summary-refused"
        tone={app.refused > 0 ? 'warn' : undefined}
        help="Connections to the lab's port that did not open with this run's token: refused and counted"
      />
      <Stat
        label="left alive"
        value={formatCount(summary.unitsAlive)}
        testId="summary-alive"
        tone={summary.unitsAlive > 0 ? 'bad' : 'good'}
        help="Processes of your app still alive after the run: 0 means the whole process group ended"
      />
    </div>
  );
}

export function RunSummary() {
  const summary = useLab((s) => s.summary);
  const running = useLab((s) => s.running);
  const dismiss = useLab((s) => s.dismissSummary);
  const failures = useMemo(() => (summary ? failureRows(summary.failures) : []), [summary]);
  if (!summary || running) return null;
  const { jobs, config } = summary;
  const switches = summary.switches > 0 ? ` · ${summary.switches} switch${summary.switches === 1 ? '' : 'es'}` : '';
  const app = summary.attached;
  const what = app
    ? `${ATTACHED_LABEL} · ${joinCommandLine(app.command)}${app.exit ? ` · ${app.exit.detail}` : ''}`
    : `ended on ${config.strategy} · ${config.workload} ${config.size}${switches}`;
  return (
    <section className="summary panel" aria-label="last run summary" data-testid="run-summary">
      <div className="summary-head">
        <h2 className="section-title">
          Last run <span className="muted" data-testid="summary-what">
            {runLength(summary.t)} · {what}
          </span>
        </h2>
        <button type="button" className="message-dismiss" aria-label="dismiss the summary" data-testid="summary-dismiss" onClick={dismiss}>
          ✕
        </button>
      </div>
      <div className="summary-body">
        {app ? (
          <AttachedSummaryStats summary={summary} app={app} />
        ) : (
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
        )}
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
