/**
 * Merges a config change, and when the run's workload is the user's own module, checks the module first (in a
 * throwaway thread, see workload-probe.ts) and records what it found in `workloadModule`: its name, its sizes
 * (the `size` is checked against them) and whether it checks its own results. A bad module is refused with an
 * error naming the file before anything starts. A module already checked is not loaded again unless its file
 * changed on disk.
 */
import { stat } from 'node:fs/promises';
import { CUSTOM_WORKLOAD } from '../../../shared/constants';
import type { WorkloadModuleInfo } from '../../../shared/custom-workload';
import { mergeConfig, RunConfigSchema, type RunConfig, type Validated } from '../../../shared/run-config';
import { schemaErrors } from '../../../shared/schema-errors';
import { probeWorkload } from './probe';

export class WorkloadGate {
  /** The last module that loaded well, and its file's modification time then. */
  private known: { file: string; mtimeMs: number; info: WorkloadModuleInfo } | null = null;

  constructor(private readonly timeoutMs?: number) {}

  /** `mergeConfig`, plus the module's check when the result runs a custom workload. */
  async merge(current: RunConfig, patch: unknown): Promise<Validated<RunConfig>> {
    const merged = mergeConfig(current, patch);
    if (!merged.ok || merged.value.workload !== CUSTOM_WORKLOAD) return merged;
    const next = merged.value;
    const file = next.workloadFile as string;
    const info = await this.check(file);
    if (typeof info === 'string') return { ok: false, errors: [{ field: 'workloadFile', message: info }] };
    // A newly chosen module starts at its own default size, unless the change names one.
    const newModule = current.workload !== CUSTOM_WORKLOAD || current.workloadFile !== file;
    const namesSize = typeof patch === 'object' && patch !== null && 'size' in patch;
    const config: RunConfig = { ...next, workloadModule: info, size: newModule && !namesSize ? info.sizes.default : next.size };
    const parsed = RunConfigSchema.safeParse(config);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: schemaErrors(parsed.error, 'is not a setting') };
  }

  private async check(file: string): Promise<WorkloadModuleInfo | string> {
    const mtimeMs = await stat(file).then((s) => s.mtimeMs, () => null);
    if (this.known && this.known.file === file && this.known.mtimeMs === mtimeMs) return this.known.info;
    const probed = await probeWorkload(file, this.timeoutMs);
    if (!probed.ok) return probed.message;
    this.known = { file, mtimeMs: probed.mtimeMs, info: probed.info };
    return probed.info;
  }
}
