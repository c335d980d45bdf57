/**
 * What a CLI run keeps besides its printed output: the recording file (`--record`) and, for `--threshold`, the
 * run in memory so its report can be judged when it ends. Both see every message as the engine sent it.
 */
import type { Experiment, Verdict } from '../../../shared/experiments/types';
import type { LabEvent, LabMessage, Summary, Tick } from '../../../shared/messages';
import type { PlanStep } from '../../../shared/plan';
import type { Recording, RecordingHeader } from '../../../shared/recording/format';
import { recordingHeader, runStartedAt, type RecordingHeaderFacts } from '../../../shared/recording/header';
import type { RunOutputs } from './recording-args';
import { recordingMachine } from '../../session/machine-facts';
import { Recorder } from './recorder';

export class RunOutputKeeper {
  private readonly recorder: Recorder | null;
  private readonly ticks: Tick[] = [];
  private readonly events: LabEvent[] = [];
  private summary: Summary | null = null;
  private header: RecordingHeader | null = null;

  /** Opens the recording file, if one is asked for; throws with the system's reason when it cannot. */
  constructor(
    private readonly outputs: RunOutputs,
    plan: readonly PlanStep[],
    experiment: Experiment | null,
  ) {
    const machine = recordingMachine('cli');
    this.recorder = outputs.record ? new Recorder(outputs.record, { plan, experiment, machine }) : null;
    this.context = { plan: [...plan], experiment, machine };
  }

  private readonly context: Pick<RecordingHeaderFacts, 'plan' | 'experiment' | 'machine'>;

  take(message: LabMessage): void {
    this.recorder?.take(message);
    if (this.outputs.thresholds.length === 0) return;
    if (message.type === 'tick') this.ticks.push(message);
    else if (message.type === 'summary') this.summary = message;
    else {
      this.events.push(message);
      if (message.event === 'run-started' && !this.header) {
        this.header = recordingHeader({ startedAt: runStartedAt(Date.now(), message.t), config: message.config, ...this.context });
      }
    }
  }

  verdict(verdict: Verdict): void {
    this.recorder?.verdict(verdict);
  }

  /** The run as a recording in memory (for thresholds), or null when the run never started. */
  recording(): Recording | null {
    if (!this.header) return null;
    return { name: this.outputs.record ?? 'this run', header: this.header, ticks: this.ticks, events: this.events, summary: this.summary, verdict: null, warnings: [] };
  }

  close(): void {
    this.recorder?.close();
  }
}
