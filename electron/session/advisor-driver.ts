/**
 * The advisor on a long-lived engine (the desktop app's, browser mode's): the `advise` command starts it in the
 * background and answers at once; progress and the advice reach every viewer as events. One driver per engine,
 * used by the one command entry (command-dispatch.ts), so IPC and WebSocket behave alike. A stop, a start or an
 * experiment from any viewer cancels it, and the cell being measured stops with every unit it started. However it
 * ends, the settings it started from are given back through the engine (a `config-changed` event with
 * `givenBack: 'advisor'`), so the next Start does not run its last cell's.
 */
import { ADVISOR_BUDGET } from '../../shared/advisor/plan';
import { parseAdviseRequest } from '../../shared/command-requests';
import type { CommandResult } from '../../shared/lab-api';
import type { RunConfig } from '../../shared/run-config';
import type { MachineFacts } from '../../shared/experiments/types';
import { runAdvisor, type AdvisorEngine } from './advisor-run';
import type { LabEngine } from '../engine/lab-engine';
import { machineFacts } from './machine-facts';

export class AdvisorDriver {
  private controller: AbortController | null = null;
  private finished: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly engine: AdvisorEngine & Pick<LabEngine, 'getState' | 'giveBack'>,
    private readonly machine: () => MachineFacts = machineFacts,
  ) {}

  /** Whether the advisor is measuring. */
  get active(): boolean {
    return this.controller !== null;
  }

  /** Stops the advisor (the cell being measured stops too); resolves once it has. */
  async cancel(): Promise<void> {
    this.controller?.abort();
    await this.finished;
  }

  /**
   * Starts the advisor with the engine's current settings, or `base` (the user's, when an experiment had lent the
   * engine its own); bad input changes nothing.
   */
  async run(payload: unknown, base?: RunConfig): Promise<CommandResult> {
    const parsed = parseAdviseRequest(payload);
    if (!parsed.ok) return parsed;
    await this.cancel();
    const state = this.engine.getState();
    if (!state.ok) return state;
    const config = base ?? state.config;
    const controller = new AbortController();
    this.controller = controller;
    this.finished = runAdvisor(this.engine, {
      config,
      budgetS: parsed.value.budgetS ?? ADVISOR_BUDGET.default,
      machine: this.machine(),
      signal: controller.signal,
    })
      .catch((error: Error) => this.engine.announce({ event: 'error', message: `advisor: ${error.message}`, source: 'advisor' }))
      // Its cells' settings were the advisor's: the user's come back before anyone waiting on the advisor goes on.
      .then(() => this.engine.giveBack(config, 'advisor'))
      .finally(() => {
        if (this.controller === controller) this.controller = null;
      });
    return { ok: true, config, running: true };
  }
}
