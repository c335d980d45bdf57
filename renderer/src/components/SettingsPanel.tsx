/**
 * Faults & limits: crash injection (a fault every Nth job), job timeout, memory limit, retry, queue bound and
 * sampling interval, their fields from the settings table (settings/settings-table.ts). Like every control, a
 * change goes to the engine at once (under load too) and the fields show what it confirmed; a rejected value
 * leaves the readable error in the banner. Collapsed, the panel is one line that still says what is switched on.
 */
import { useCallback, useState } from 'react';
import { faultCaveat, faultHelp, faultsSummary } from '../settings/fault-help';
import { SettingField } from '../settings/SettingField';
import { settingsShown } from '../settings/settings-table';
import { useLab } from '../state/use-lab';

export function FaultsPanel() {
  const [open, setOpen] = useState(false);
  const config = useLab((s) => s.config);
  const configure = useLab((s) => s.configure);
  const set = useCallback(async (patch: Record<string, unknown>) => (await configure(patch)).ok, [configure]);
  const caveat = faultCaveat(config.fault, config.strategy);
  const chips = faultsSummary(config);
  const anyActive = chips.some((c) => c.active);

  return (
    <div className={`faults${open ? ' faults-open' : ''}`} data-testid="faults-panel" data-open={open}>
      <div className="faults-head">
        <button
          type="button"
          className={`faults-toggle${anyActive ? ' faults-toggle-active' : ''}`}
          aria-expanded={open}
          aria-controls="faults-fields"
          data-testid="faults-toggle"
          onClick={() => setOpen(!open)}
          title="Crash injection, timeouts, memory and queue limits, sampling interval"
        >
          <span className="faults-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          Faults &amp; limits
        </button>
        {!open && (
          <ul className="fault-chips" data-testid="faults-summary" aria-label="current faults and limits">
            {chips.map((chip) => (
              <li key={chip.key} className={`fault-chip${chip.active ? ' fault-chip-active' : ''}`}>
                {chip.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      {open && (
        <>
          <div className="control-row control-fields faults-fields" id="faults-fields">
            {settingsShown('faults', config).map((setting) => (
              <SettingField key={setting.key} setting={setting} config={config} set={set} />
            ))}
          </div>
          <p className="fault-help" data-testid="fault-help">
            {faultHelp(config.fault, config.faultEvery)}
            {caveat && <span className="fault-caveat"> {caveat}</span>}
          </p>
        </>
      )}
    </div>
  );
}
