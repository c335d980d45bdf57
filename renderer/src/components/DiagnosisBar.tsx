/**
 * The live diagnosis of every run (shared/experiments/diagnosis.ts, after Clinic Doctor): what the last seconds of
 * ticks show, in a sentence each with the numbers, most severe first; a calm run says so.
 */
import { DIAGNOSIS_THRESHOLDS } from '../../../shared/experiments/diagnosis';
import { useLab } from '../state/use-lab';

export function DiagnosisBar() {
  const findings = useLab((s) => s.findings);
  const running = useLab((s) => s.running);
  const ticks = useLab((s) => s.tickCount);
  if (!running && findings.length === 0) return null;
  const windowS = DIAGNOSIS_THRESHOLDS.windowMs / 1000;
  return (
    <section className="diagnosis panel" aria-label="diagnosis" aria-live="polite" data-testid="diagnosis" data-findings={findings.length}>
      <span className="diagnosis-label">{running ? 'Diagnosis' : 'Diagnosis at the end of the run'}</span>
      {findings.length === 0 ? (
        <span className="diagnosis-calm muted">
          {ticks < DIAGNOSIS_THRESHOLDS.minTicks ? 'waiting for a few ticks…' : `nothing abnormal in the last ${windowS} s`}
        </span>
      ) : (
        <ul className="diagnosis-list">
          {findings.map((f) => (
            <li key={f.id} className={`finding finding-${f.severity}`} data-testid="finding" data-id={f.id} data-severity={f.severity}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
