/**
 * One row per worker thread or process. Rows appear when a unit starts; a one-shot unit done with its job just
 * goes, and a unit that crashed, timed out, was killed or was stopped stays greyed for a few seconds with why
 * (see UnitTracker), then its row goes.
 */
import { memo, useMemo, useRef, type CSSProperties } from 'react';
import type { StrategyName } from '../../../shared/constants';
import { APP_MAIN_ID } from '../state/attached-run';
import { CPU_UNMEASURED_HELP } from '../state/format';
import { useLab } from '../state/use-lab';
import { STRATEGY_COLORS } from '../theme/palette';
import { Sparkline } from './Sparkline';
import { rowView, sameRowView, type UnitRowView } from './unit-row-view';
import { useHeldOffScreen, useOnScreen } from './use-on-screen';

export interface RowProps {
  view: UnitRowView;
  onCrash(unitId: string): unknown;
}

/** The memo's test: a row re-renders only when what it shows changed (or its kill action did). */
export function rowPropsEqual(previous: RowProps, next: RowProps): boolean {
  return previous.onCrash === next.onCrash && sameRowView(previous.view, next.view);
}

export const Row = memo(function Row({ view, onCrash }: RowProps) {
  const color = STRATEGY_COLORS[view.strategy];
  const cpuUnmeasured = view.cpuText === 'n/a';
  return (
    <tr
      className={`unit-row unit-${view.state}`}
      data-testid="unit-row"
      data-unit-id={view.id}
      data-kind={view.kind}
      data-pid={view.pid}
      data-thread-id={view.threadId}
      data-state={view.state}
      data-exit-cause={view.exitCause}
      data-blocked={view.blocked}
      data-strategy={view.strategy}
      style={{ '--strategy-color': color } as CSSProperties}
    >
      <td>
        <div className="unit-kind">
          <span className="kind-badge">{view.kind}</span>
          <span className="unit-strategy">{view.ownerText}</span>
        </div>
      </td>
      <td className="unit-id">{view.idText}</td>
      <td>
        <span className={view.stateClass} title={view.stateTitle}>
          {view.stateText}
        </span>
      </td>
      {/* CPU share; "n/a" with the reason when the unit reported (it has an ELU) without one. */}
      <td className={`num${cpuUnmeasured ? ' muted' : ''}`} title={cpuUnmeasured ? CPU_UNMEASURED_HELP : undefined} data-testid="unit-cpu">
        {view.cpuText}
      </td>
      <td className="num">{view.eluText}</td>
      <td className="num">{view.eldText}</td>
      <td className="num" title={view.gcTitle} data-testid="unit-gc">
        {view.gcText}
      </td>
      <td className="num">
        {view.memoryText === null ? (
          '–'
        ) : (
          <>
            {view.memoryText} <span className="muted">{view.memoryKind}</span>
          </>
        )}
      </td>
      {/* An app's units run no jobs of the lab's: its HTTP is in the Attach panel. */}
      {!view.app && <td className="num">{view.doneText}</td>}
      <td>
        <Sparkline points={view.sparkPoints} color={color} />
      </td>
      <td>
        {/* The user's app is not the lab's to kill: Stop ends it whole. */}
        {view.state !== 'exited' && !view.app && (
          <button type="button" className="crash-button" data-testid="crash-unit" title="Kill this unit as a crash would, and watch the lab recover" onClick={() => void onCrash(view.id)}>
            kill
          </button>
        )}
      </td>
    </tr>
  );
}, rowPropsEqual);

function emptyText(running: boolean, strategy: StrategyName, attached: boolean): string {
  if (attached) return running ? 'Waiting for the first report of your app…' : 'The app ended.';
  if (!running) return 'No run. Press Start: each worker thread or process gets a row here.';
  if (strategy === 'main-thread') return "No worker threads or processes: under main-thread every job runs on the host's own event loop.";
  return 'Starting units…';
}

export function UnitTable() {
  const section = useRef<HTMLElement>(null);
  // Out of sight (the table is below the fold of a laptop-sized window), 64 rows re-laid out five times a second
  // cost more than any chart; they take new figures once a second there (see use-on-screen.ts).
  const units = useHeldOffScreen(
    useLab((s) => s.units),
    useOnScreen(section),
  );
  const running = useLab((s) => s.running);
  const strategy = useLab((s) => s.config.strategy);
  const crash = useLab((s) => s.crash);
  const attached = useLab((s) => s.attachedRun !== null);
  // The app's processes the agent does not run in: their rows say so (a dash for every loop figure is why).
  const app = useLab((s) => s.latest?.app);
  const noAgent = useMemo(() => new Set(app?.processes.filter((p) => !p.agent).map((p) => p.pid)), [app]);
  const alive = units.filter((u) => u.state !== 'exited').length;
  const rows = useMemo(
    // The app's first process leads, as the host leads the timeline (its row appears with the first tick, after
    // the units that announced themselves); the others keep the order they were seen in.
    () =>
      [...units]
        .sort((a, b) => Number(b.id === APP_MAIN_ID) - Number(a.id === APP_MAIN_ID))
        .map((unit) => <Row key={unit.id} view={rowView(unit, unit.kind === 'process' && noAgent.has(unit.pid))} onCrash={crash} />),
    [units, crash, noAgent],
  );
  return (
    <section ref={section} className="units panel" aria-label="threads and processes" data-testid="unit-table" data-count={units.length}>
      <h2 className="section-title">
        {attached ? 'Your app: processes and threads' : 'Threads and processes'} <span className="muted">{alive} alive</span>
      </h2>
      {units.length === 0 ? (
        <p className="empty" data-testid="units-empty">
          {emptyText(running, strategy, attached)}
        </p>
      ) : (
        <table className="unit-table">
          <thead>
            <tr>
              <th>unit</th>
              <th>id</th>
              <th>state</th>
              <th className="num">CPU</th>
              <th className="num">ELU</th>
              <th className="num">ELD p99</th>
              <th className="num" title="garbage collections in the last tick, and their pause in all">GC</th>
              <th className="num">memory</th>
              {!attached && <th className="num">jobs done</th>}
              <th>ELU, last 40 samples</th>
              <th aria-label="actions" />
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      )}
    </section>
  );
}
