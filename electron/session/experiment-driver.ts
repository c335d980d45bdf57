/**
 * Runs an experiment of the catalog on a long-lived engine (the desktop app's, browser mode's): a fresh run with
 * the experiment's settings on top of the defaults, its plan of segments and crashes, a stop at its end, and an
 * `experiment-started` event so every viewer knows what the run is and where its segments lie. One driver per
 * engine, used by the one command entry (command-dispatch.ts), so IPC and WebSocket behave alike.
 *
 * A stop (from any entry, even the engine's own dispose), another start or another experiment cancels what is
 * left of the plan: the plan belongs to one run and must never act on the next.
 *
 * The experiment borrows the engine's settings: when its run ends (its own end, or a stop from any viewer), the
 * user's settings from before it are given back through the engine (a `config-changed` event with `givenBack`),
 * so every viewer and the next Start see them, not the experiment's. A user's start takes the run over as it is:
 * nothing is given back then.
 */
import { parseExperimentRequest } from '../../shared/command-requests';
import type { CommandResult } from '../../shared/lab-api';
import { findExperiment } from '../../shared/experiments/catalog';
import { experimentPlan, readsHealthChecks, startConfig } from '../../shared/experiments/timeline';
import type { Experiment, MachineFacts } from '../../shared/experiments/types';
import type { ExperimentSegmentTimes, LabMessage } from '../../shared/messages';
import { defaultConfig, type RunConfig } from '../../shared/run-config';
import type { LabEngine } from '../engine/lab-engine';
import { machineFacts } from './machine-facts';
import { runPlan, type RunningPlan } from './plan-runner';
import { RunBacklog } from './run-backlog';

/** What the driver uses of the engine. */
export type DriverEngine = Pick<LabEngine, 'start' | 'stop' | 'configure' | 'crash' | 'getState' | 'onMessage' | 'announce' | 'checkHealthOften' | 'giveBack'>;

/** The user's settings an experiment borrowed, and which experiment it was (for the words of the give-back). */
export interface LentSettings {
  config: RunConfig;
  after: string;
}

/** The segments of `experiment` on the run's clock, the plan having been scheduled at `originMs`. */
export function segmentTimes(experiment: Experiment, originMs: number): ExperimentSegmentTimes[] {
  return experiment.segments.map((segment, index) => {
    const next = experiment.segments[index + 1];
    return {
      id: segment.id,
      label: segment.label,
      startMs: originMs + segment.atS * 1000,
      endMs: originMs + (next ? next.atS : experiment.durationS) * 1000,
    };
  });
}

export class ExperimentDriver {
  /** Bumped by every command that supersedes a plan, so a run being set up can tell it was overtaken. */
  private generation = 0;
  private cancelCurrent: (() => void) | null = null;
  private readonly backlog: RunBacklog;
  /** The user's settings while an experiment (or a chain of them) has the engine; null otherwise. */
  private lent: LentSettings | null = null;

  constructor(
    private readonly engine: DriverEngine,
    private readonly machine: () => MachineFacts = machineFacts,
  ) {
    this.backlog = new RunBacklog(engine);
  }

  /** The messages of the experiment's run so far, for a viewer that joins late; null when no experiment runs. */
  runSoFar(): LabMessage[] | null {
    return this.backlog.messages();
  }

  /**
   * Cancels the steps not taken yet and the stop at the end (a user's stop or start takes over). Returns the
   * user's settings the experiment borrowed (null if none), for the caller to give back once the run has ended
   * (`giveBack`) or to drop (a start that takes the run over).
   */
  cancel(): LentSettings | null {
    this.stopPlan();
    const lent = this.lent;
    this.lent = null;
    return lent;
  }

  /** Gives `lent` back through the engine (after its run has stopped); the engine's answer, or `fallback` when nothing was lent. */
  async giveBack(lent: LentSettings | null, fallback: CommandResult): Promise<CommandResult> {
    return lent ? this.engine.giveBack(lent.config, lent.after) : fallback;
  }

  /** Ends the plan, keeping the lent settings (another experiment follows, or the caller gives them back). */
  private stopPlan(): void {
    this.generation++;
    // A run taken over by the user goes on as theirs: checked at the usual pace again.
    if (this.cancelCurrent) this.engine.checkHealthOften(false);
    this.cancelCurrent?.();
    this.cancelCurrent = null;
  }

  /** Whether an experiment's plan is going. */
  get active(): boolean {
    return this.cancelCurrent !== null;
  }

  /** Runs the experiment named by `payload` (`{ id }`); bad input changes nothing. */
  async run(payload: unknown): Promise<CommandResult> {
    const parsed = parseExperimentRequest(payload);
    if (!parsed.ok) return parsed;
    const experiment = findExperiment(parsed.value.id) as Experiment;
    this.stopPlan();
    // From one experiment to the next, the settings to give back stay the user's, not the first experiment's.
    const before = this.engine.getState();
    const lent: LentSettings | null = this.lent ?? (before.ok ? { config: before.config, after: '' } : null);
    this.lent = lent && { ...lent, after: `experiment ${experiment.id}` };
    const mine = this.generation;
    // A new run: the plan's times and the verdict's windows count from its start, and no setting of an
    // earlier run (a fault left on, a queue bound) may leak into the experiment.
    await this.engine.stop();
    // Overtaken meanwhile (a stop, a start, another experiment): that command decides what runs, not this one.
    if (mine !== this.generation) return this.engine.getState();
    this.backlog.keepNextRun();
    const started = await this.engine.start({ ...defaultConfig(), ...startConfig(experiment) });
    if (mine !== this.generation) return started;
    if (!started.ok) return this.giveBack(this.cancel(), started).then(() => started);
    if (readsHealthChecks(experiment)) this.engine.checkHealthOften();

    const plan: RunningPlan = runPlan(this.engine, experimentPlan(experiment), (step, why) =>
      this.engine.announce({ event: 'error', message: `experiment ${experiment.id}: the step at ${step.atS} s was refused: ${why}`, source: 'experiment' }),
    );
    const deadline = setTimeout(() => {
      const lent = this.cancel();
      void this.engine.stop().then((stopped) => this.giveBack(lent, stopped));
    }, experiment.durationS * 1000);
    // Whoever ends the run (stop from any entry, dispose), the plan ends with it, and the user's settings come
    // back (queued on the engine behind that stop); a start takes the run over with the settings it has.
    const unsubscribe = this.engine.onMessage((message) => {
      if (message.type !== 'event' || mine !== this.generation) return;
      if (message.event === 'run-stopped') void this.giveBack(this.cancel(), this.engine.getState());
      if (message.event === 'run-started') this.cancel();
    });
    this.cancelCurrent = () => {
      plan.cancel();
      clearTimeout(deadline);
      unsubscribe();
    };
    // Placed from the run's start, as the verdict places them (the plan was scheduled a few ms after it).
    this.engine.announce({
      event: 'experiment-started',
      id: experiment.id,
      segments: segmentTimes(experiment, 0),
      endMs: experiment.durationS * 1000,
      machine: this.machine(),
    });
    return started;
  }
}
