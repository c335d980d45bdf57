/**
 * The settings panel (beside the picture, opened by the toolbar's "⚙ Settings"): the run settings the toolbar has
 * no room for, then faults & limits (crash injection, job timeout, memory limit, retry, queue bound, sampling
 * interval), every field from the settings table (settings/settings-table.ts). Like every control, a change goes
 * to the engine at once (under load too) and the fields show what it confirmed; a rejected value leaves the
 * readable error in the banner. On an attached run none of them applies (the app decides how its work runs): the
 * fields are disabled, and the panel says why.
 */
import { useCallback } from 'react';
import { ATTACHED_REASON } from '../attach/attach-view';
import { faultCaveat, faultHelp } from '../settings/fault-help';
import { SettingField } from '../settings/SettingField';
import { settingsShown } from '../settings/settings-table';
import { useLab } from '../state/use-lab';

export function SettingsPanel() {
  const config = useLab((s) => s.config);
  const configure = useLab((s) => s.configure);
  const set = useCallback(async (patch: Record<string, unknown>) => (await configure(patch)).ok, [configure]);
  const caveat = faultCaveat(config.fault, config.strategy);
  const attachedLive = useLab((s) => s.running && s.attachedRun !== null);
  return (
    <div className="settings-panel" data-testid="faults-panel" data-open="true">
      {attachedLive && (
        <p className="side-warning" data-testid="settings-attached">
          {ATTACHED_REASON}: these settings are for the lab&apos;s own runs, and apply again at the next Start.
        </p>
      )}
      <fieldset className="run-settings" disabled={attachedLive}>
        <h3 className="side-subtitle">Run</h3>
        <div className="control-fields side-fields">
          {settingsShown('run', config).map((setting) => (
            <SettingField key={setting.key} setting={setting} config={config} set={set} />
          ))}
        </div>
        <h3 className="side-subtitle">Faults &amp; limits</h3>
        <div className="control-fields side-fields" id="faults-fields">
          {settingsShown('faults', config).map((setting) => (
            <SettingField key={setting.key} setting={setting} config={config} set={set} />
          ))}
        </div>
        <p className="fault-help" data-testid="fault-help">
          {faultHelp(config.fault, config.faultEvery)}
          {caveat && <span className="fault-caveat"> {caveat}</span>}
        </p>
      </fieldset>
    </div>
  );
}
