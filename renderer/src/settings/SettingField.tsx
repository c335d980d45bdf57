/** One setting of the table (settings-table.ts) as its field: a number, a row of options, or a checkbox. */
import type { RunConfig } from '../../../shared/run-config';
import { CheckField } from '../components/CheckField';
import { NumberField } from '../components/NumberField';
import { Segmented } from '../components/Segmented';
import { useLab } from '../state/use-lab';
import type { Setting } from './settings-table';

export interface SettingFieldProps {
  setting: Setting;
  /** The config the engine confirmed: the field shows it, never what was merely clicked. */
  config: RunConfig;
  /** Sends a change to the engine; true if it took it. */
  set(patch: Record<string, unknown>): Promise<boolean>;
}

export function SettingField({ setting, config, set }: SettingFieldProps) {
  const inactive = setting.inactiveWhen?.(config);
  const clearFieldError = useLab((s) => s.clearFieldError);
  switch (setting.kind) {
    case 'number': {
      const { min, max } = setting.range(config);
      return (
        <NumberField
          label={setting.label}
          testId={setting.testId}
          value={config[setting.key]}
          min={min}
          max={max}
          step={setting.step}
          inactive={inactive}
          hint={setting.hint(config)}
          help={setting.help}
          onCommit={(value) => set({ [setting.key]: value })}
          onRevert={() => clearFieldError(setting.key)}
        />
      );
    }
    case 'choice':
      return (
        <Segmented
          label={setting.label}
          testId={setting.testId}
          options={setting.options}
          value={config[setting.key]}
          inactive={inactive}
          optionHints={setting.optionHelp?.(config)}
          hint={inactive && setting.appliesTo ? `Does not apply now: only for ${setting.appliesTo}. ${setting.help ?? ''}`.trim() : setting.help}
          onChange={(value) => void set({ [setting.key]: value })}
        />
      );
    case 'toggle':
      return (
        <CheckField
          label={setting.label}
          testId={setting.testId}
          checked={config[setting.key]}
          text={setting.text}
          hint={setting.hint}
          help={setting.help}
          onChange={(checked) => void set({ [setting.key]: checked })}
        />
      );
  }
}
