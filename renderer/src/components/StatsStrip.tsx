/** The latest numbers, large: what the charts show, readable from the back of the room. */
import { formatBytes, formatCores, formatCount, formatMs, formatRate } from '../state/format';
import { useLab } from '../state/use-lab';
import { Stat } from './Stat';

export function StatsStrip() {
  const latest = useLab((s) => s.latest);
  const tickCount = useLab((s) => s.tickCount);
  const paused = useLab((s) => s.paused);
  const jobs = latest?.jobs;
  const host = latest?.host;
  return (
    <section className="stats panel" aria-label="latest numbers" data-testid="stats" data-tick-count={tickCount}>
      <Stat label="ticks" value={formatCount(tickCount)} testId="tick-count" />
      <Stat label="throughput" value={formatRate(jobs?.throughput)} testId="stat-throughput" />
      <Stat label="latency p50 / p99" value={jobs ? `${formatMs(jobs.latency.p50)} / ${formatMs(jobs.latency.p99)}` : '–'} testId="stat-latency" />
      <Stat label="completed" value={formatCount(jobs?.completed)} testId="stat-completed" />
      <Stat label="failed" value={formatCount(jobs?.failed)} testId="stat-failed" tone={jobs && jobs.failed > 0 ? 'bad' : undefined} help="Jobs that ended in an error: thrown, timed out, their unit died, or a wrong result" />
      <Stat label="dropped" value={formatCount(jobs?.dropped)} testId="stat-dropped" tone={jobs && jobs.dropped > 0 ? 'warn' : undefined} help="Jobs refused because the queue was full (max queue)" />
      <Stat label="retried" value={formatCount(jobs?.retried)} testId="stat-retried" tone={jobs && jobs.retried > 0 ? 'warn' : undefined} help="Jobs sent once more after the thread or process running them died (retry on)" />
      <Stat label="host loop delay p99" value={formatMs(host?.eld.p99)} testId="stat-host-eld" tone={host && host.eld.p99 > 50 ? 'bad' : undefined} />
      <Stat label="host CPU (all threads)" value={formatCores(host?.processCpu)} testId="stat-host-cpu" />
      <Stat label="host RSS" value={formatBytes(host?.rss)} testId="stat-host-rss" />
      {paused && <span className="paused-badge" data-testid="paused-badge">view paused</span>}
    </section>
  );
}
