/** The machine facts a recording's header keeps: what a reader needs to judge numbers made elsewhere. */
import { arch, platform, release, totalmem } from 'node:os';
import type { RecordingMachine, RunHost } from '../../../shared/recording/format';
import { machineFacts } from '../machine-facts';

/** This machine, and where the run runs (`desktop` only inside Electron). */
export function recordingMachine(host: RunHost): RecordingMachine {
  return {
    ...machineFacts(),
    memoryBytes: totalmem(),
    os: platform(),
    kernel: release(),
    arch: arch(),
    v8: process.versions.v8,
    electron: process.versions.electron ?? null,
    host,
  };
}
