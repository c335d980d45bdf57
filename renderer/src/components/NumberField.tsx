/**
 * A numeric setting. Typing does not send anything (a half-typed "3" of "30" would start fib(3) jobs under
 * load); Enter or leaving the field sends the value, and the engine's verdict decides: on rejection the typed
 * text stays, marked invalid, next to the error message, so the user can fix it. Escape, or typing the engine's
 * value back, restores the value and the error no longer applies (`onRevert`). A text field, not
 * `type="number"`: the browser would swallow "abc" silently, and the user would see no word about it; the
 * engine's answer ("must be a number") is the word.
 */
import { useEffect, useId, useState } from 'react';
import { parseNumberInput } from '../state/format';

export interface NumberFieldProps {
  label: string;
  value: number;
  /** Shown after the field: the unit and the allowed range. */
  hint: string;
  min: number;
  max: number;
  step?: number | 'any';
  testId: string;
  /** Dimmed (still usable) when the setting has no effect right now. */
  inactive?: boolean;
  /** Tooltip: what the setting does, in plain words. */
  help?: string;
  onCommit(value: number | string): Promise<boolean>;
  /** The field shows the engine's value again without sending anything: its rejection no longer applies. */
  onRevert?(): void;
}

export function NumberField({ label, value, hint, min, max, step = 1, testId, inactive, help, onCommit, onRevert }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [invalid, setInvalid] = useState(false);

  // The engine changed the value (or confirmed ours): show it. A rejected value leaves `value` unchanged,
  // so the draft with the typo stays visible.
  useEffect(() => {
    setDraft(String(value));
    setInvalid(false);
  }, [value]);

  async function commit(): Promise<void> {
    if (draft.trim() === String(value)) {
      setInvalid(false);
      onRevert?.();
      return;
    }
    const ok = await onCommit(parseNumberInput(draft));
    setInvalid(!ok);
  }

  return (
    <div className={`field${inactive ? ' field-inactive' : ''}`} title={help}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="number-input"
        type="text"
        inputMode="decimal"
        data-min={min}
        data-max={max}
        data-step={step}
        value={draft}
        aria-invalid={invalid}
        data-testid={testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit();
          if (e.key === 'Escape') {
            setDraft(String(value));
            setInvalid(false);
            onRevert?.();
          }
        }}
      />
      <span className="field-hint">{hint}</span>
    </div>
  );
}
