/**
 * Every run setting, applied at once through lab.configure (under load too: the engine switches strategies
 * live). The controls always show what the engine confirmed, never what was merely clicked.
 */
import { useCallback, useEffect } from 'react';
import { CHILD_MODES, LIMITS, PAYLOAD_MODES, WORKLOADS, WORKLOAD_SIZES, type StrategyName } from '../../../shared/constants';
import { workloadFileName } from '../../../shared/custom-workload';
import { LOAD_MODES } from '../../../shared/run-config';
import { rangeHint } from '../state/format';
import { useLab, useLabShallow } from '../state/use-lab';
import { FaultsPanel } from './FaultsPanel';
import { NumberField } from './NumberField';
import { Segmented } from './Segmented';
import { StrategyToggle } from './StrategyToggle';
import { useStrategyKeys } from './use-strategy-keys';

/** Values of the workload select that are not built-in workloads: an offered module by name, or the file dialog. */
const FILE_PREFIX = 'file:';
const CHOOSE_FILE = 'choose-file';

const POOLED: readonly StrategyName[] = ['worker-pool', 'child-process', 'cluster', 'cluster-pool', 'worker-per-task'];

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
  // Your own module's sizes are its own (its `sizes` export), known once the engine has loaded it.
  const size = config.workloadModule?.sizes ?? WORKLOAD_SIZES[config.workload];
  const customFile = config.workloadFile ? workloadFileName(config.workloadFile) : null;

  return (
    <section className="control-bar panel" aria-label="run controls" data-testid="control-bar">
      <div className="control-row">
        <StrategyToggle value={config.strategy} onChange={onStrategy} />
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
      </div>
      <div className="control-row control-fields">
        <div className="field">
          <label className="field-label" htmlFor="workload">
            workload
          </label>
          <select
            id="workload"
            className="select"
            data-testid="workload"
            value={customFile ? FILE_PREFIX + customFile : config.workload}
            onChange={(e) => onWorkload(e.target.value)}
          >
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
        <NumberField
          label="size"
          testId="size"
          value={config.size}
          min={size.min}
          max={size.max}
          hint={rangeHint(size.unit, size)}
          onCommit={(value) => set({ size: value })}
        />
        <Segmented
          label="load"
          testId="load-mode"
          options={LOAD_MODES}
          value={config.loadMode}
          onChange={(loadMode) => void set({ loadMode })}
          hint="open: jobs arrive at a fixed rate whatever happens; closed: a fixed number of jobs always outstanding"
        />
        {config.loadMode === 'open' ? (
          <NumberField
            label="rate"
            testId="rate"
            value={config.rate}
            min={LIMITS.rate.min}
            max={LIMITS.rate.max}
            step="any"
            hint="jobs/s"
            onCommit={(value) => set({ rate: value })}
          />
        ) : (
          <NumberField
            label="concurrency"
            testId="concurrency"
            value={config.concurrency}
            min={LIMITS.concurrency.min}
            max={LIMITS.concurrency.max}
            hint="jobs outstanding"
            onCommit={(value) => set({ concurrency: value })}
          />
        )}
        <NumberField
          label="pool size"
          testId="pool-size"
          value={config.poolSize}
          min={LIMITS.poolSize.min}
          max={LIMITS.poolSize.max}
          hint={POOLED.includes(config.strategy) ? 'threads / processes' : 'unused by main-thread'}
          onCommit={(value) => set({ poolSize: value })}
        />
        <Segmented
          label="payload"
          testId="payload"
          options={PAYLOAD_MODES}
          value={config.payload}
          inactive={config.workload !== 'pixels'}
          hint="how the pixels buffer crosses a thread boundary (pixels workload only)"
          onChange={(payload) => void set({ payload })}
        />
        <Segmented
          label="child mode"
          testId="child-mode"
          options={CHILD_MODES}
          value={config.childMode}
          inactive={config.strategy !== 'child-process'}
          hint="how the child-process strategy runs a job (child-process only)"
          onChange={(childMode) => void set({ childMode })}
        />
      </div>
      <FaultsPanel />
    </section>
  );
}
