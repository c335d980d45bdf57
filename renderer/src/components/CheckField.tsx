/** An on/off setting: a checkbox with a word beside it, laid out like the other fields (label above, hint below). */
export interface CheckFieldProps {
  label: string;
  checked: boolean;
  /** Beside the box: what "on" means. */
  text: string;
  hint: string;
  testId: string;
  /** Tooltip: what the setting does, in plain words. */
  help?: string;
  onChange(checked: boolean): void;
}

export function CheckField({ label, checked, text, hint, testId, help, onChange }: CheckFieldProps) {
  return (
    <div className="field" title={help}>
      <span className="field-label">{label}</span>
      <label className="check">
        <input type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
        <span>{text}</span>
      </label>
      <span className="field-hint">{hint}</span>
    </div>
  );
}
