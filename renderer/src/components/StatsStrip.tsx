/**
 * The latest numbers, large: what the charts show, readable from the back of the room. On a run attached to the
 * user's app the jobs are its HTTP requests and the host is its first process: named so; the figures a lab run
 * has and an app does not (dropped, retried: the app's queue and retries are not visible) are left out.
 */
import type { Tick } from '../../../shared/messages';
import { formatBytes, formatCores, formatCount, formatMs, formatMsPair, formatRate } from '../state/format';
import { startupCaption, type UnitStartup } from '../state/startup';
import { useLab } from '../state/use-lab';
import { Stat } from './Stat';

const STARTUP_HELP =
  'Unit startup: from creating a thread or process to its first message, over the units that became ready in the latest interval that had any (p50 and max). ' +
  'worker-per-task (and child-process with spawn or exec) pays it on every job before the job runs; a pool pays it only when units start: the run, a switch, a crash.';

/** Startup of the newest units, and what it covers: "4 units · now" or "2 units · 12 s ago". */
function StartupStat({ startup, nowT }: { startup: UnitStartup | null; nowT: number }) {
  const value = startup ? formatMsPair(startup.p50, startup.max) : '–';
  const note = startup ? startupCaption(startup, nowT) : 'no unit started yet';
  return <Stat label="unit startup p50 / max" value={value} note={note} testId="stat-startup" help={STARTUP_HELP} />;
}

function AttachedStats({ latest }: { latest: Tick | null }) {
  const jobs = latest?.jobs;
  const host = latest?.host;
  return (
    <>
      <Stat label="HTTP requests/s" value={formatRate(jobs?.throughput, 'req/s')} testId="stat-throughput" />
      <Stat label="HTTP latency p50 / p99" value={jobs?.latency ? `${formatMs(jobs.latency.p50)} / ${formatMs(jobs.latency.p99)}` : '–'} testId="stat-latency" />
      <Stat label="responses" value={formatCount(jobs?.completed)} testId="stat-completed" help="HTTP responses below 500 since the run started" />
      <Stat label="5xx + aborted" value={formatCount(jobs?.failed)} testId="stat-failed" tone={jobs && jobs.failed > 0 ? 'bad' : undefined} help="HTTP responses of 500 and up, and requests closed before their response finished" />
      <Stat label="in flight" value={formatCount(jobs?.inFlight)} testId="stat-in-flight" help="HTTP requests begun and not finished at the latest tick" />
      <Stat label="app processes" value={formatCount(latest?.app?.processes.filter((p) => !p.exit).length)} testId="stat-app-processes" />
      <Stat label="app main loop delay p99" value={formatMs(host?.eld?.p99)} testId="stat-host-eld" tone={(host?.eld?.p99 ?? 0) > 50 ? 'bad' : undefined} />
      <Stat label="app main CPU (all threads)" value={formatCores(host?.processCpu)} testId="stat-host-cpu" />
      <Stat label="app main RSS" value={formatBytes(host?.rss)} testId="stat-host-rss" />
    </>
  );
}

export function StatsStrip() {
  const latest = useLab((s) => s.latest);
  const startup = useLab((s) => s.startup);
  const tickCount = useLab((s) => s.tickCount);
  const paused = useLab((s) => s.paused);
  const attached = useLab((s) => s.attachedRun !== null);
  const jobs = latest?.jobs;
  const host = latest?.host;
  return (
    <section className="stats panel" aria-label="latest numbers" data-testid="stats" data-tick-count={tickCount} data-attached={attached}>
      <Stat label="ticks" value={formatCount(tickCount)} testId="tick-count" />
      {attached ? (
        <AttachedStats latest={latest} />
      ) : (
        <>
          <Stat label="throughput" value={formatRate(jobs?.throughput)} testId="stat-throughput" />
          <Stat label="latency p50 / p99" value={jobs?.latency ? `${formatMs(jobs.latency.p50)} / ${formatMs(jobs.latency.p99)}` : '–'} testId="stat-latency" />
          <StartupStat startup={startup} nowT={(latest?.t ?? 0) / 1000} />
          <Stat label="completed" value={formatCount(jobs?.completed)} testId="stat-completed" />
          <Stat label="failed" value={formatCount(jobs?.failed)} testId="stat-failed" tone={jobs && jobs.failed > 0 ? 'bad' : undefined} help="Jobs that ended in an error: thrown, timed out, their unit died, or a wrong result" />
          <Stat label="dropped" value={formatCount(jobs?.dropped)} testId="stat-dropped" tone={jobs && jobs.dropped > 0 ? 'warn' : undefined} help="Jobs refused because the queue was full (max queue)" />
          <Stat label="retried" value={formatCount(jobs?.retried)} testId="stat-retried" tone={jobs && jobs.retried > 0 ? 'warn' : undefined} help="Jobs sent once more after the thread or process running them died (retry on)" />
          <Stat label="host loop delay p99" value={formatMs(host?.eld?.p99)} testId="stat-host-eld" tone={(host?.eld?.p99 ?? 0) > 50 ? 'bad' : undefined} />
          <Stat label="host CPU (all threads)" value={formatCores(host?.processCpu)} testId="stat-host-cpu" />
          <Stat label="host RSS" value={formatBytes(host?.rss)} testId="stat-host-rss" />
        </>
      )}
      {paused && <span className="paused-badge" data-testid="paused-badge">view paused</span>}
    </section>
  );
}
