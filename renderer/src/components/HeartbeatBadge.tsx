/**
 * Is the host alive? A dot that pulses on every tick, and when ticks stop during a run, "host silent for
 * N.N s": what a blocked main thread looks like from outside.
 */
import { heartbeatText } from '../state/heartbeat';
import { useLab } from '../state/use-lab';

export function HeartbeatBadge() {
  const heartbeat = useLab((s) => s.heartbeat);
  // Parity of the tick count restarts the pulse animation on each published tick without a timer of its own.
  const beat = useLab((s) => s.tickCount % 2);
  const pid = useLab((s) => s.latest?.host.pid ?? null);
  return (
    <div
      className={`heartbeat heartbeat-${heartbeat.status}`}
      data-testid="heartbeat"
      data-status={heartbeat.status}
      data-host-pid={pid ?? ''}
      title={pid !== null ? `host process pid ${pid}` : undefined}
      role="status"
    >
      <span className={`heartbeat-dot beat-${heartbeat.status === 'alive' ? beat : 'none'}`} aria-hidden="true" />
      <span>{heartbeatText(heartbeat)}</span>
      {/* The pid gives way first on a narrow window (layout.css); the badge's tooltip keeps it. */}
      {pid !== null && heartbeat.status !== 'offline' && <span className="muted heartbeat-pid"> · pid {pid}</span>}
    </div>
  );
}
