/**
 * Writes a run to a recording file as it goes (format in shared/recording/format.ts). Each line is written with
 * a synchronous write as the message arrives: once the call returns the line is in the kernel's hands, so a
 * run killed a moment later (SIGKILL, a crash) still leaves every whole line it wrote, and at most the line being
 * written torn, which readers skip with a warning. A tick is a few KiB at most, a few times a second.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Experiment, Verdict } from '../../../shared/experiments/types';
import type { LabMessage } from '../../../shared/messages';
import type { PlanStep } from '../../../shared/plan';
import type { RecordingMachine, VerdictLine } from '../../../shared/recording/format';
import { recordingHeader, runStartedAt } from '../../../shared/recording/header';

/** What the header says beside the settings, which come from the run's first message. */
export interface RecordingContext {
  plan: readonly PlanStep[];
  experiment: Experiment | null;
  machine: RecordingMachine;
}

export class Recorder {
  private readonly fd: number;
  private headerWritten = false;
  private closed = false;

  /** Creates (or empties) `file`; throws with the system's reason when it cannot be written. */
  constructor(
    readonly file: string,
    private readonly context: RecordingContext,
  ) {
    this.fd = openSync(file, 'w');
  }

  /** Keeps one message of the run; the header goes first, with the settings of the run-started event. */
  take(message: LabMessage): void {
    if (this.closed) return;
    if (!this.headerWritten && message.type === 'event' && message.event === 'run-started') {
      const header = recordingHeader({ startedAt: runStartedAt(Date.now(), message.t), config: message.config, ...this.context });
      this.line(header);
      this.headerWritten = true;
    }
    if (this.headerWritten) this.line(message);
  }

  /** Keeps an experiment's verdict (after its summary). */
  verdict(verdict: Verdict): void {
    if (!this.closed && this.headerWritten) this.line({ type: 'verdict', ...verdict } satisfies VerdictLine);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private line(value: unknown): void {
    writeSync(this.fd, JSON.stringify(value) + '\n');
  }
}
