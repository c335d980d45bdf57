/** Which setting changes a running strategy can take as they are, and which need new threads or processes. */
import { isCpuBound } from '../../shared/constants';
import type { SettingName } from '../../shared/messages';
import type { RunConfig } from '../../shared/run-config';

/**
 * The settings that differ between `before` and `after`, in `after`'s key order: what a `config-changed` or
 * `strategy-switched` event names, so no viewer has to diff configs again. A setting absent on one side (the
 * custom module's info) counts as changed when the other side has it.
 */
export function changedSettings(before: RunConfig | null, after: RunConfig): SettingName[] {
  if (!before) return [];
  const keys = new Set<SettingName>([...(Object.keys(after) as SettingName[]), ...(Object.keys(before) as SettingName[])]);
  // Values are plain data (numbers, strings, the module's info): equal JSON is the same setting.
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Settings whose change needs new units (a new strategy instance) rather than just new jobs. */
export function needsNewUnits(before: RunConfig, after: RunConfig): boolean {
  return (
    before.strategy !== after.strategy ||
    before.poolSize !== after.poolSize ||
    before.payload !== after.payload ||
    // Read by a strategy when it starts (its config is a copy): a new instance is how the change reaches jobs.
    before.counterMode !== after.counterMode ||
    before.clusterScheduling !== after.clusterScheduling ||
    before.clusterConnection !== after.clusterConnection ||
    before.childMode !== after.childMode ||
    before.maxBuffer !== after.maxBuffer ||
    before.intervalMs !== after.intervalMs ||
    before.memoryLimitMb !== after.memoryLimitMb ||
    // Piscina never shares a thread between abortable tasks, so turning timeouts on or off changes capacity.
    (before.jobTimeoutMs > 0) !== (after.jobTimeoutMs > 0) ||
    isCpuBound(before.workload) !== isCpuBound(after.workload)
  );
}
