/**
 * The verdict of the experiment run, computed in the renderer by the shared evaluator from the run's own ticks
 * and events. It reads in one line first: the outcome and the one pair of numbers that decided it
 * (`HOLDS · transfer 60.1 jobs/s vs clone 47.9 jobs/s = 1.25x ≥ 1.2x`); what was expected, why, every number
 * of every segment and the machine are there on demand ("Why / all numbers"). While the run goes, the line says
 * it is measuring and the numbers fill in, behind the same disclosure, as each segment ends.
 */
import { OUTCOME_WORDS, type VerdictCard as Card } from './experiment-run';

export function VerdictCard({ card }: { card: Card }) {
  const { verdict, outcome, measured } = card;
  // A verdict saved before the deciding line existed (an older recording) leads with its first sentence.
  const deciding = outcome === 'pending' ? null : (verdict?.deciding ?? verdict?.why.split('. ')[0] ?? null);
  return (
    <section className={`verdict verdict-${outcome}`} data-testid="verdict-card" data-outcome={outcome} aria-live="polite">
      <p className="verdict-head">
        <span className="verdict-label">Verdict</span>{' '}
        <strong className="verdict-outcome" data-testid="verdict-outcome">
          {OUTCOME_WORDS[outcome]}
        </strong>
        {deciding && (
          <>
            {' · '}
            <span className="verdict-deciding" data-testid="verdict-deciding">
              {deciding}
            </span>
          </>
        )}
      </p>
      <details className="verdict-more" data-testid="verdict-details">
        <summary>Why / all numbers</summary>
        {verdict && (
          <p className="verdict-expected">
            <strong>Expected:</strong> {verdict.expected}
          </p>
        )}
        {verdict && outcome !== 'pending' && (
          <p className="verdict-why" data-testid="verdict-why">
            {verdict.why}
          </p>
        )}
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
          <p className="verdict-machine muted" data-testid="verdict-machine">
            Measured on this machine: {verdict.machine.cores} cores · {verdict.machine.cpuModel} · Node {verdict.machine.node}
          </p>
        )}
      </details>
    </section>
  );
}
