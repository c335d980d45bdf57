/**
 * One row per worker thread or process. Rows appear when a unit starts; a one-shot unit done with its job just
 * goes, and a unit that crashed, timed out, was killed or was stopped stays greyed for a few seconds with why
 * (see UnitTracker), then its row goes.
 */
import { memo, type CSSProperties } from 'react';
import type { StrategyName } from '../../../shared/constants';
import { CAUSE_WORDS, isAbnormal } from '../state/events-log';
import { CPU_UNMEASURED_HELP, formatBytes, formatCount, formatMs, formatUnitCpu } from '../state/format';
import type { UnitRow } from '../state/units';
import { useLab } from '../state/use-lab';
import { STRATEGY_COLORS } from '../theme/palette';
import { Sparkline } from './Sparkline';

/** A stop or a finished one-shot job is the normal end; anything else is worth reading. */
function stateText(unit: UnitRow): string {
  if (unit.state === 'busy' && unit.blocked) return 'blocked';
  if (unit.state !== 'exited' || unit.exitCause === null || !isAbnormal(unit.exitCause)) return unit.state;
  return CAUSE_WORDS[unit.exitCause];
}

/** The tooltip of an exited row: why, in words. */
function stateTitle(unit: UnitRow): string | undefined {
  if (unit.state === 'busy' && unit.blocked) {
    return 'busy and silent for over 1.5 intervals: its event loop is blocked by a long or hung job (ELU shown as 100%, delay as at least the silence)';
  }
  switch (unit.exitCause) {
    case 'crash':
      return `crashed${unit.exitDetail ? `: ${unit.exitDetail}` : ''}; the lab starts a new one after a backoff`;
    case 'timeout':
      return 'ended by the lab to cancel a job that ran over the job timeout; replaced at once';
    case 'injected':
      return 'killed from outside (crash injection); replaced at once';
    case 'stop':
      return 'ended by stop or a strategy switch';
    default:
      return undefined;
  }
}

/** CPU share; "n/a" with the reason when the unit reported (it has an ELU) without one. */
function CpuCell({ unit }: { unit: UnitRow }) {
  const text = formatUnitCpu(unit.cpu, unit.elu !== null);
  const unmeasured = text === 'n/a';
  return (
    <td className={`num${unmeasured ? ' muted' : ''}`} title={unmeasured ? CPU_UNMEASURED_HELP : undefined} data-testid="unit-cpu">
      {text}
    </td>
  );
}

const Row = memo(function Row({ unit, onCrash }: { unit: UnitRow; onCrash(unitId: string): unknown }) {
  const color = STRATEGY_COLORS[unit.strategy];
  return (
    <tr
      className={`unit-row unit-${unit.state}`}
      data-testid="unit-row"
      data-unit-id={unit.id}
      data-kind={unit.kind}
      data-pid={unit.pid}
      data-thread-id={unit.threadId ?? ''}
      data-state={unit.state}
      data-exit-cause={unit.exitCause ?? ''}
      data-blocked={unit.blocked}
      data-strategy={unit.strategy}
      style={{ '--strategy-color': color } as CSSProperties}
    >
      <td>
        <div className="unit-kind">
          <span className="kind-badge">{unit.kind}</span>
          <span className="unit-strategy">{unit.strategy}</span>
        </div>
      </td>
      <td className="unit-id">{unit.kind === 'process' ? `pid ${unit.pid}` : `thread ${unit.threadId ?? '?'}`}</td>
      <td>
        <span className={`state-badge state-${unit.state}${unit.exitCause ? ` cause-${unit.exitCause}` : ''}${unit.blocked ? ' state-blocked' : ''}`} title={stateTitle(unit)}>
          {stateText(unit)}
        </span>
      </td>
      <CpuCell unit={unit} />
      <td className="num">{unit.elu === null ? '–' : `${Math.round(unit.elu * 100)}%`}</td>
      <td className="num">{formatMs(unit.eldP99)}</td>
      <td className="num">
        {unit.memory ? (
          <>
            {formatBytes(unit.memory.bytes)} <span className="muted">{unit.memory.kind}</span>
          </>
        ) : (
          '–'
        )}
      </td>
      <td className="num">{formatCount(unit.done)}</td>
      <td>
        <Sparkline values={unit.spark} color={color} />
      </td>
      <td>
        {unit.state !== 'exited' && (
          <button type="button" className="crash-button" data-testid="crash-unit" title="Kill this unit as a crash would, and watch the lab recover" onClick={() => void onCrash(unit.id)}>
            kill
          </button>
        )}
      </td>
    </tr>
  );
});

function emptyText(running: boolean, strategy: StrategyName): string {
  if (!running) return 'No run. Press Start: each worker thread or process gets a row here.';
  if (strategy === 'main-thread') return "No worker threads or processes: under main-thread every job runs on the host's own event loop.";
  return 'Starting units…';
}

export function UnitTable() {
  const units = useLab((s) => s.units);
  const running = useLab((s) => s.running);
  const strategy = useLab((s) => s.config.strategy);
  const crash = useLab((s) => s.crash);
  const alive = units.filter((u) => u.state !== 'exited').length;
  return (
    <section className="units panel" aria-label="threads and processes" data-testid="unit-table" data-count={units.length}>
      <h2 className="section-title">
        Threads and processes <span className="muted">{alive} alive</span>
      </h2>
      {units.length === 0 ? (
        <p className="empty" data-testid="units-empty">
          {emptyText(running, strategy)}
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
              <th className="num">memory</th>
              <th className="num">jobs done</th>
              <th>ELU, last 40 samples</th>
              <th aria-label="actions" />
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <Row key={unit.id} unit={unit} onCrash={crash} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
