/**
 * Faults & limits: crash injection (a fault every Nth job), job timeout, memory limit, retry, queue bound and
 * sampling interval. Like every control, a change goes to the engine at once (under load too) and the fields
 * show what it confirmed; a rejected value leaves the readable error in the banner. Collapsed, the panel is
 * one line that still says what is switched on.
 */
import { useCallback, useState } from 'react';
import { FAULTS, LIMITS, type FaultKind } from '../../../shared/constants';
import { rangeHint } from '../state/format';
import { useLab, useLabShallow } from '../state/use-lab';
import { LIMIT_HELP, faultCaveat, faultHelp, faultsSummary } from './fault-help';
import { NumberField } from './NumberField';
import { Segmented } from './Segmented';

const n = (value: number): string => value.toLocaleString('en-US');

export function FaultsPanel() {
  const [open, setOpen] = useState(false);
  const settings = useLabShallow((s) => ({
    fault: s.config.fault,
    faultEvery: s.config.faultEvery,
    jobTimeoutMs: s.config.jobTimeoutMs,
    memoryLimitMb: s.config.memoryLimitMb,
    retry: s.config.retry,
    maxQueue: s.config.maxQueue,
    intervalMs: s.config.intervalMs,
  }));
  const strategy = useLab((s) => s.config.strategy);
  const configure = useLab((s) => s.configure);
  const set = useCallback(async (patch: Record<string, unknown>) => (await configure(patch)).ok, [configure]);
  const faultHints = Object.fromEntries(FAULTS.map((f) => [f, faultHelp(f, settings.faultEvery)])) as Record<FaultKind, string>;
  const caveat = faultCaveat(settings.fault, strategy);
  const chips = faultsSummary(settings);
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
            <Segmented
              label="fault"
              testId="fault"
              options={FAULTS}
              value={settings.fault}
              optionHints={faultHints}
              hint="Crash injection: what every Nth job does to its thread or process"
              onChange={(fault) => void set({ fault })}
            />
            <NumberField
              label="fault every"
              testId="fault-every"
              value={settings.faultEvery}
              min={LIMITS.faultEvery.min}
              max={LIMITS.faultEvery.max}
              inactive={settings.fault === 'none'}
              hint={rangeHint('Nth job', LIMITS.faultEvery)}
              help={LIMIT_HELP.faultEvery}
              onCommit={(value) => set({ faultEvery: value })}
            />
            <NumberField
              label="job timeout"
              testId="job-timeout"
              value={settings.jobTimeoutMs}
              min={LIMITS.jobTimeoutMs.min}
              max={LIMITS.jobTimeoutMs.max}
              hint={`ms · 0 = none · ≤ ${n(LIMITS.jobTimeoutMs.max)}`}
              help={LIMIT_HELP.jobTimeoutMs}
              onCommit={(value) => set({ jobTimeoutMs: value })}
            />
            <NumberField
              label="memory limit"
              testId="memory-limit"
              value={settings.memoryLimitMb}
              min={0}
              max={LIMITS.memoryLimitMb.max}
              hint={rangeHint('MiB · 0 = none', LIMITS.memoryLimitMb)}
              help={LIMIT_HELP.memoryLimitMb}
              onCommit={(value) => set({ memoryLimitMb: value })}
            />
            <div className="field" title={LIMIT_HELP.retry}>
              <span className="field-label">retry</span>
              <label className="check">
                <input type="checkbox" checked={settings.retry} data-testid="retry" onChange={(e) => void set({ retry: e.target.checked })} />
                <span>once</span>
              </label>
              <span className="field-hint">if the unit died</span>
            </div>
            <NumberField
              label="max queue"
              testId="max-queue"
              value={settings.maxQueue}
              min={LIMITS.maxQueue.min}
              max={LIMITS.maxQueue.max}
              hint={rangeHint('jobs', LIMITS.maxQueue)}
              help={LIMIT_HELP.maxQueue}
              onCommit={(value) => set({ maxQueue: value })}
            />
            <NumberField
              label="interval"
              testId="interval"
              value={settings.intervalMs}
              min={LIMITS.intervalMs.min}
              max={LIMITS.intervalMs.max}
              hint={rangeHint('ms', LIMITS.intervalMs)}
              help={LIMIT_HELP.intervalMs}
              onCommit={(value) => set({ intervalMs: value })}
            />
          </div>
          <p className="fault-help" data-testid="fault-help">
            {faultHelp(settings.fault, settings.faultEvery)}
            {caveat && <span className="fault-caveat"> {caveat}</span>}
          </p>
        </>
      )}
    </div>
  );
}
