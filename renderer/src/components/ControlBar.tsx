/**
 * The toolbar: one row with what a run is (strategy, workload and size, load, pool size), a "⚙ Settings" button
 * for the rest (settings panel beside the picture: the other run settings, faults and limits), and Start/Stop.
 * Every change goes to the engine at once through lab.configure (under load too: the engine switches strategies
 * live), and the controls show what the engine confirmed, never what was merely clicked. The strategy buttons and
 * the workload picker are drawn here; the other fields come from the settings table (settings/settings-table.ts).
 * While a run is attached to the user's app the run's settings do not apply (the app decides how its work runs):
 * they are disabled, and a row says why and what runs.
 */
import { useCallback, useEffect, type CSSProperties } from 'react';
import { joinCommandLine } from '../attach/argv';
import { ATTACHED_LABEL, ATTACHED_REASON, exitSentence } from '../attach/attach-view';
import type { AttachedRun } from '../state/attached-run';
import { STRATEGY_COLORS } from '../theme/palette';
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

/** The run's label while it is attached to the user's app (or was, until the next run): what runs, and why the settings are off. */
function AttachedRunLabel({ run, live }: { run: AttachedRun; live: boolean }) {
  const command = run.spec ? joinCommandLine(run.spec.command) : null;
  return (
    <div className="attached-run-label" data-testid="attached-run-label" data-live={live} style={{ '--strategy-attached': STRATEGY_COLORS.attached } as CSSProperties}>
      <span className="attached-chip">{ATTACHED_LABEL}</span>
      {command && (
        <code className="attached-command" title={`${command}${run.spec ? ` (in ${run.spec.cwd})` : ''}`}>
          {command}
        </code>
      )}
      <span className={`attached-reason ${run.exit && !live && run.exit.code !== 0 && !run.exit.byLab ? 'attached-exit-bad' : 'muted'}`} data-testid="attached-reason">
        {live ? `${ATTACHED_REASON}: the strategy and job settings do not apply` : run.exit ? exitSentence(run.exit) : 'ended'}
      </span>
    </div>
  );
}

export function ControlBar() {
  const config = useLab((s) => s.config);
  const { running, pending, configure, start, stop, workloadFiles, listWorkloads, pickWorkload, attachedRun } = useLabShallow((s) => ({
    running: s.running,
    pending: s.pending,
    configure: s.configure,
    start: s.start,
    stop: s.stop,
    workloadFiles: s.workloadFiles,
    listWorkloads: s.listWorkloads,
    pickWorkload: s.pickWorkload,
    attachedRun: s.attachedRun,
  }));
  const attachedLive = running && attachedRun !== null;
  useEffect(() => void listWorkloads(), [listWorkloads]);
  const set = useCallback(async (patch: Record<string, unknown>) => (await configure(patch)).ok, [configure]);
  const onWorkload = useCallback(
    (value: string) => void (value === CHOOSE_FILE ? pickWorkload() : value.startsWith(FILE_PREFIX) ? pickWorkload(value.slice(FILE_PREFIX.length)) : set({ workload: value })),
    [set, pickWorkload],
  );
  const onStrategy = useCallback((strategy: StrategyName) => void configure({ strategy }), [configure]);
  // The keys 1..6 switch strategies; on an attached run there is none to switch to.
  useStrategyKeys(attachedLive ? null : onStrategy);
  const customFile = config.workloadFile ? workloadFileName(config.workloadFile) : null;
  const panel = useSidePanel();
  const settingsOpen = panel.open === 'settings';
  const activeFaults = faultsSummary(config).filter((chip) => chip.active);

  return (
    <section className="control-bar panel" aria-label="run controls" data-testid="control-bar">
      {attachedRun && <AttachedRunLabel run={attachedRun} live={attachedLive} />}
      <fieldset className="run-settings" disabled={attachedLive} title={attachedLive ? ATTACHED_REASON : undefined} data-testid="run-settings">
        <StrategyToggle value={attachedLive ? null : config.strategy} onChange={onStrategy} />
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
      </fieldset>
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
