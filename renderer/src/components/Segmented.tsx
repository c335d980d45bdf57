/** A row of toggle buttons for one setting; the pressed one is the engine's current value; disabled while it does not apply. */
export interface SegmentedProps<T extends string> {
  label: string;
  options: readonly T[];
  value: T;
  onChange(value: T): void;
  testId: string;
  /**
   * The setting has no effect with the current strategy or workload: its buttons are disabled (out of the Tab
   * order too), and the tooltip (`hint`) says when it applies.
   */
  inactive?: boolean;
  hint?: string;
  /** Tooltip of each option, when options need explaining one by one. */
  optionHints?: Partial<Record<T, string>>;
}

export function Segmented<T extends string>({ label, options, value, onChange, testId, inactive, hint, optionHints }: SegmentedProps<T>) {
  return (
    <div className={`field${inactive ? ' field-inactive' : ''}`} data-testid={testId} title={hint}>
      <span className="field-label">{label}</span>
      <div className="segmented" role="group" aria-label={label}>
        {options.map((option) => (
          <button
            key={option}
            type="button"
            className="segment"
            aria-pressed={option === value}
            data-testid={`${testId}-${option}`}
            title={inactive ? hint : optionHints?.[option]}
            disabled={inactive}
            onClick={() => option !== value && onChange(option)}
          >
            {option}
          </button>
        ))}
      </div>
    </div>
  );
}
