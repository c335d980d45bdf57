/**
 * One entry for commands from every transport (Electron IPC, WebSocket): the envelope is validated here,
 * the payload by the engine, so every transport rejects bad input the same way and with the same words.
 * Experiments are driven here too, by one driver per engine, so a stop or start from any viewer cancels them.
 */
import { parseAdviseRequest, parseCommandRequest, type CommandResult } from '../../shared/lab-api';
import type { WorkloadCatalog } from './workload-catalog';
import { refuseWorkloadPath, useWorkload } from './workload-commands';
import { recordingMachine } from '../headless/recording/machine';
import { AdvisorDriver } from './advisor-driver';
import { ExperimentDriver } from './experiment-driver';
import type { LabEngine } from './lab-engine';

/** The experiment driver of each engine, made on first use (the hosts create engines; they need not know). */
const drivers = new WeakMap<LabEngine, ExperimentDriver>();

/** The advisor of each engine, made on first use. */
const advisors = new WeakMap<LabEngine, AdvisorDriver>();

/** The advisor driver of `engine`. */
export function advisorDriver(engine: LabEngine): AdvisorDriver {
  let driver = advisors.get(engine);
  if (!driver) advisors.set(engine, (driver = new AdvisorDriver(engine)));
  return driver;
}

/** The experiment driver of `engine`. */
export function experimentDriver(engine: LabEngine): ExperimentDriver {
  let driver = drivers.get(engine);
  if (!driver) drivers.set(engine, (driver = new ExperimentDriver(engine)));
  return driver;
}

/**
 * Runs a raw (unvalidated) command envelope `{ id, command, payload }` against the engine. `catalog` is the
 * workload modules this host offers its viewers (none without one).
 */
export async function dispatchCommand(engine: LabEngine, raw: unknown, catalog?: WorkloadCatalog): Promise<{ id: number | null; result: CommandResult }> {
  const parsed = parseCommandRequest(raw);
  if (!parsed.ok) return { id: parsed.id, result: { ok: false, errors: parsed.errors } };
  const { id, command, payload } = parsed.request;
  switch (command) {
    case 'start': {
      const refused = refuseWorkloadPath(payload);
      if (refused) return { id, result: refused };
      // The user takes over from the advisor too: it would stop this run for its next cell.
      await advisors.get(engine)?.cancel();
      const result = await engine.start(payload);
      // The user takes over: the experiment's remaining steps must not act on the run any more (a rejected
      // start changes nothing, the plan included).
      if (result.ok) drivers.get(engine)?.cancel();
      return { id, result };
    }
    case 'stop':
      drivers.get(engine)?.cancel();
      await advisors.get(engine)?.cancel();
      return { id, result: await engine.stop() };
    case 'configure':
      return { id, result: refuseWorkloadPath(payload) ?? (await engine.configure(payload)) };
    case 'workloads': {
      const state = engine.getState();
      return { id, result: state.ok ? { ...state, workloads: (await catalog?.list()) ?? [] } : state };
    }
    case 'useWorkload':
      return { id, result: await useWorkload(engine, catalog, payload) };
    case 'getState': {
      // What a viewer asks when it connects: an experiment's run comes with its messages so far (run-backlog.ts).
      const state = engine.getState();
      const run = drivers.get(engine)?.runSoFar();
      return { id, result: state.ok && run ? { ...state, run } : state };
    }
    case 'crash':
      return { id, result: await engine.crash(payload) };
    case 'experiment':
      await advisors.get(engine)?.cancel();
      return { id, result: await experimentDriver(engine).run(payload) };
    case 'advise': {
      // Checked before anything stops: bad input changes nothing.
      if (!parseAdviseRequest(payload).ok) return { id, result: await advisorDriver(engine).run(payload) };
      drivers.get(engine)?.cancel();
      return { id, result: await advisorDriver(engine).run(payload) };
    }
    case 'machine': {
      // Only the desktop app and browser mode dispatch commands (the CLI records on its own), so Electron's
      // version tells the two apart.
      const state = engine.getState();
      return { id, result: state.ok ? { ...state, machine: recordingMachine(process.versions.electron ? 'desktop' : 'browser') } : state };
    }
  }
}
