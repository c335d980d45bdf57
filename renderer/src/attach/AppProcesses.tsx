/**
 * The attached app's processes, from the newest tick's `app`: pid, command, whether the agent runs in it, and the
 * HTTP it served in the tick (requests a second, latency p50 / p99), then, on a second line, its parent and its
 * responses by status class. Two lines per process so the table fits the side panel. The threads of each process
 * are rows of the unit table and lanes of the timeline; this is the process tree.
 */
import type { AppTick } from '../../../shared/attach';
import { appProcessRows } from './attach-view';

export function AppProcesses({ app }: { app: AppTick }) {
  const rows = appProcessRows(app);
  return (
    <table className="app-processes" data-testid="app-processes" data-count={rows.length}>
      <thead>
        <tr>
          <th className="num">pid</th>
          <th>command</th>
          <th title="whether the lab's agent runs in it">agent</th>
          <th className="num" title="HTTP responses a second over the last tick">req/s</th>
          <th className="num" title="HTTP latency over the last tick, request to response: p50 / p99">p50/p99 ms</th>
        </tr>
      </thead>
      {rows.map((row) => (
        <tbody
          key={row.pid}
          className={`app-process${row.root ? ' app-process-root' : ''}${row.exitText ? ' app-process-exited' : ''}`}
          data-testid="app-process"
          data-pid={row.pid}
          data-agent={row.agentText}
          data-root={row.root}
        >
          <tr>
            <td className="num">{row.pid}</td>
            <td className="app-command" title={row.command}>
              {row.root && <span className="app-root-badge">main</span>}
              <code>{row.command}</code>
            </td>
            <td className={row.agentText === 'no' ? 'muted' : undefined} title={row.agentTitle} data-testid="app-process-agent">
              {row.agentText}
            </td>
            <td className="num" data-testid="app-process-rate">
              {row.rateText}
            </td>
            <td className="num" data-testid="app-process-latency">
              {row.latencyText}
            </td>
          </tr>
          <tr className="app-process-status">
            <td />
            <td colSpan={4}>
              <span className="muted" data-testid="app-process-ppid">
                parent {row.ppid}
              </span>
              {' · '}
              <span className={row.failing ? 'app-status-failing' : 'muted'} data-testid="app-process-status">
                {row.exitText ?? row.statusText}
              </span>
            </td>
          </tr>
        </tbody>
      ))}
    </table>
  );
}
