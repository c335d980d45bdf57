/**
 * The Advisor panel: measures every strategy at pool sizes 1, 2 and the core count with the current settings
 * (workload, size, ...) within a budget, over the same command transport as everything else, and shows its
 * progress, then the recommendation with its reasons, the table and a chart. Beside the picture, opened from the header.
 */
import { useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { ADVISOR_BUDGET } from '../../../shared/advisor/plan';
import { TABLE_HEADERS, tableRows } from '../../../shared/advisor/table';
import type { Advice } from '../../../shared/advisor/types';
import { cellName } from '../../../shared/advisor/words';
import { AdvisorChart } from './AdvisorChart';
import { AdvisorContext } from './advisor-context';
import { progressShare, type AdvisorState } from './advisor-store';
import './advisor.css';

function AdviceView({ advice }: { advice: Advice }) {
  return (
    <div className="advice" data-testid="advice" data-kind={advice.kind}>
      <p className="advice-headline">{advice.headline}</p>
      <ul className="advice-reasons">
        {advice.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p className="muted">
        {advice.config.workload} {advice.config.size} on {advice.machine.cores} cores; {advice.tookS.toFixed(0)} s of a {advice.budgetS} s budget
        {advice.baselineRepeat !== null && `; main-thread again at the end: ${advice.baselineRepeat.toFixed(1)} jobs/s`}
      </p>
      <AdvisorChart cells={advice.cells} />
      <table className="advisor-table" data-testid="advisor-table">
        <thead>
          <tr>{TABLE_HEADERS.map((h) => <th key={h}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {tableRows(advice.cells).map((row) => (
            <tr key={row[0]}>
              {row.map((text, i) => (
                <td key={i} colSpan={row.length === 2 && i === 1 ? TABLE_HEADERS.length - 1 : undefined}>
                  {text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AdvisorBody({ state }: { state: AdvisorState }) {
  const { status, progress, advice, error, budgetS } = state;
  return (
    <div className="advisor-body">
      <div className="advisor-controls">
        <label>
          budget (s){' '}
          <input type="number" min={ADVISOR_BUDGET.min} max={ADVISOR_BUDGET.max} value={budgetS} data-testid="advisor-budget" onChange={(e) => state.setBudget(Number(e.target.value))} />
        </label>
        <button type="button" className="run-button" data-testid="advisor-run" disabled={status === 'running'} title="Stops the current run, then measures every strategy with the current workload and size" onClick={() => void state.start()}>
          ▶ Advise
        </button>
        {status === 'running' && (
          <button type="button" data-testid="advisor-stop" onClick={() => void state.stop()}>
            ■ Stop
          </button>
        )}
      </div>
      {error && <p className="advisor-error" role="alert">{error}</p>}
      {status === 'running' && (
        <div className="advisor-progress">
          <progress value={progressShare(progress)} max={1} data-testid="advisor-progress" aria-label="advisor progress" />
          <span className="muted">{progress?.current ? `cell ${progress.done + 1} of ${progress.total}: ${cellName(progress.current)}` : 'starting…'}</span>
        </div>
      )}
      {advice && <AdviceView advice={advice} />}
    </div>
  );
}

export function AdvisorPanel() {
  const store = useContext(AdvisorContext);
  if (!store) return null;
  return <AdvisorSection store={store} />;
}

function AdvisorSection({ store }: { store: StoreApi<AdvisorState> }) {
  const state = useStore(store);
  return (
    <section className="advisor" aria-label="advisor" data-testid="advisor-panel">
      <p className="muted side-note">which strategy for this workload? measured, not guessed{state.status === 'running' ? ' · measuring…' : ''}</p>
      <AdvisorBody state={state} />
    </section>
  );
}

