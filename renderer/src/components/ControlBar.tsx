/**
 * The toolbar: one row with what a run is (strategy, workload and size, load, pool size), a "⚙ Settings" button
 * for the rest (settings panel beside the picture: the other run settings, faults and limits), and Start/Stop.
 * Every change goes to the engine at once through lab.configure (under load too: the engine switches strategies
 * live), and the controls show what the engine confirmed, never what was merely clicked. The strategy buttons and
 * the workload picker are drawn here; the other fields come from the settings table (settings/settings-table.ts).
 */
import { useCallback, useEffect } from 'react';
import { WORKLOADS, type StrategyName } from '../../../shared/constants';
import { workloadFileName } from '../../../shared/custom-workload';
import { SettingField } from '../settings/SettingField';
import { settingsShown } from '../settings/settings-table';
import { useLab, useLabShallow } from '../state/use-lab';
import { faultsSummary } from '../settings/fault-help';
import { useSidePanel } from './side-panel';
import { StrategyToggle } from './StrategyToggle';
import { useStrategyKeys } from './use-strategy-keys';

/** Values of the workload select that are not built-in workloads: an offered module by name, or the file dialog. */
const FILE_PREFIX = 'file:';
const CHOOSE_FILE = 'choose-file';

export function ControlBar() {
  const config = useLab((s) => s.config);
  const { running, pending, configure, start, stop, workloadFiles, listWorkloads, pickWorkload } = useLabShallow((s) => ({
    running: s.running,
    pending: s.pending,
    configure: s.configure,
    start: s.start,
    stop: s.stop,
    workloadFiles: s.workloadFiles,
    listWorkloads: s.listWorkloads,
    pickWorkload: s.pickWorkload,
  }));
  useEffect(() => void listWorkloads(), [listWorkloads]);
  const set = useCallback(async (patch: Record<string, unknown>) => (await configure(patch)).ok, [configure]);
  const onWorkload = useCallback(
    (value: string) => void (value === CHOOSE_FILE ? pickWorkload() : value.startsWith(FILE_PREFIX) ? pickWorkload(value.slice(FILE_PREFIX.length)) : set({ workload: value })),
    [set, pickWorkload],
  );
  const onStrategy = useCallback((strategy: StrategyName) => void configure({ strategy }), [configure]);
  useStrategyKeys(onStrategy);
  const customFile = config.workloadFile ? workloadFileName(config.workloadFile) : null;
  const panel = useSidePanel();
  const settingsOpen = panel.open === 'settings';
  const activeFaults = faultsSummary(config).filter((chip) => chip.active);

  return (
    <section className="control-bar panel" aria-label="run controls" data-testid="control-bar">
      <StrategyToggle value={config.strategy} onChange={onStrategy} />
      <div className="field">
        <label className="field-label" htmlFor="workload">
          workload
        </label>
        <select id="workload" className="select" data-testid="workload" value={customFile ? FILE_PREFIX + customFile : config.workload} onChange={(e) => onWorkload(e.target.value)}>
          {WORKLOADS.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
          <optgroup label="your own workload">
            {[...new Set([...workloadFiles, ...(customFile ? [customFile] : [])])].map((name) => (
              <option key={name} value={FILE_PREFIX + name}>
                {name === customFile && config.workloadModule ? `${config.workloadModule.name} (${name})` : name}
              </option>
            ))}
            <option value={CHOOSE_FILE}>choose a file…</option>
          </optgroup>
        </select>
      </div>
      {settingsShown('toolbar', config).map((setting) => (
        <SettingField key={setting.key} setting={setting} config={config} set={set} />
      ))}
      <button
        type="button"
        className={`settings-toggle${activeFaults.length > 0 ? ' settings-toggle-active' : ''}`}
        aria-expanded={settingsOpen}
        aria-controls="side-panel"
        data-testid="settings-toggle"
        title={`Payload, child mode, crash injection, timeouts, memory and queue limits, sampling interval${activeFaults.length > 0 ? `. On now: ${activeFaults.map((chip) => chip.text).join(', ')}` : ''}`}
        onClick={() => panel.toggle('settings')}
      >
        ⚙ Settings
        {activeFaults.length > 0 && (
          <span className="settings-badge" data-testid="faults-summary" aria-label={`on: ${activeFaults.map((chip) => chip.text).join(', ')}`}>
            {activeFaults.length}
          </span>
        )}
      </button>
      <button
        type="button"
        className={`run-button ${running ? 'run-button-stop' : 'run-button-start'}`}
        data-testid="run-toggle"
        data-running={running}
        disabled={pending > 0 && !running}
        onClick={() => void (running ? stop() : start())}
      >
        {running ? '■ Stop' : '▶ Start'}
      </button>
    </section>
  );
}
