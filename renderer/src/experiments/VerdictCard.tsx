/**
 * The verdict of the experiment run, computed in the renderer by the shared evaluator from the run's own ticks
 * and events: the numbers of each segment as it ends, then, once the run stopped, whether the claim holds, does
 * not hold or is inconclusive, with what was expected, why, and the machine it was measured on.
 */
import { OUTCOME_WORDS, type VerdictCard as Card } from './experiment-run';

export function VerdictCard({ card }: { card: Card }) {
  const { verdict, outcome, measured } = card;
  return (
    <section className={`verdict verdict-${outcome}`} data-testid="verdict-card" data-outcome={outcome} aria-live="polite">
      <div className="verdict-head">
        <span className="verdict-label">Verdict</span>
        <span className="verdict-outcome" data-testid="verdict-outcome">
          {OUTCOME_WORDS[outcome]}
        </span>
      </div>
      {measured.length > 0 ? (
        <table className="verdict-measured" data-testid="verdict-measured">
          <thead>
            <tr>
              <th scope="col">segment</th>
              <th scope="col">measured</th>
              <th scope="col">value</th>
            </tr>
          </thead>
          <tbody>
            {measured.map((row) => (
              <tr key={`${row.segment}/${row.label}`}>
                <td>{row.segment}</td>
                <td>{row.label}</td>
                <td className="verdict-value">{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">The numbers appear as each segment ends.</p>
      )}
      {verdict && (
        <>
          <p className="verdict-expected">
            <strong>Expected:</strong> {verdict.expected}
          </p>
          {outcome !== 'pending' && (
            <p className="verdict-why" data-testid="verdict-why">
              {verdict.why}
            </p>
          )}
          <p className="verdict-machine muted" data-testid="verdict-machine">
            Measured on this machine: {verdict.machine.cores} cores · {verdict.machine.cpuModel} · Node {verdict.machine.node}
          </p>
        </>
      )}
    </section>
  );
}
