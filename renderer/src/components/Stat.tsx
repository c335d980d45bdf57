/** One big number with its label, as in the stats strip and the run summary. */
export interface StatProps {
  label: string;
  value: string;
  testId: string;
  tone?: 'good' | 'warn' | 'bad';
  /** Tooltip: what the number counts. */
  help?: string;
  /** A smaller line under the label: what the number covers, or how old it is. */
  note?: string;
}

export function Stat({ label, value, testId, tone, help, note }: StatProps) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`} data-testid={testId} title={help}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
      {note !== undefined && <span className="stat-note">{note}</span>}
    </div>
  );
}
