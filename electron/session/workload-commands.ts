/**
 * The viewers' side of "your own workload": a page picks an offered module by name (`useWorkload`) and never
 * sends a path, so `start` and `configure` from a page refuse `workloadFile` (the CLI and the experiment driver
 * call the engine directly and may set it).
 */
import { parseUseWorkloadRequest } from '../../shared/command-requests';
import type { CommandResult } from '../../shared/lab-api';
import type { LabEngine } from '../engine/lab-engine';
import type { WorkloadCatalog } from './workload-catalog';

const refuse = (field: string, message: string): CommandResult => ({ ok: false, errors: [{ field, message }] });

/** The refusal of a viewer's patch that names a module by path; null when it names none. */
export function refuseWorkloadPath(patch: unknown): CommandResult | null {
  if (typeof patch !== 'object' || patch === null || !('workloadFile' in patch)) return null;
  return refuse('workloadFile', 'is not set by a page: choose an offered workload by name with useWorkload');
}

/** Runs an offered module as the workload: `{ name }`, or (desktop) the one the user picks now. */
export async function useWorkload(engine: LabEngine, catalog: WorkloadCatalog | undefined, payload: unknown): Promise<CommandResult> {
  const parsed = parseUseWorkloadRequest(payload);
  if (!parsed.ok) return parsed;
  const offered = async (result: CommandResult): Promise<CommandResult> => (result.ok ? { ...result, workloads: (await catalog?.list()) ?? [] } : result);
  let { name } = parsed.value;
  if (name === undefined) {
    if (!catalog?.choose) return refuse('name', 'must name an offered workload file: browser mode has no file dialog; put the module in the folder given with npm run web -- --workloads DIR and pick it by name');
    const chosen = await catalog.choose();
    // Cancelled: nothing changes.
    if (chosen === null) return offered(engine.getState());
    name = chosen;
  }
  const file = await catalog?.resolve(name);
  if (!file) {
    const names = (await catalog?.list()) ?? [];
    return refuse('name', `is not an offered workload file; offered: ${names.join(', ') || 'none (browser mode: npm run web -- --workloads DIR)'}`);
  }
  return offered(await engine.configure({ workloadFile: file }));
}
