/**
 * The facts of this machine that numbers made on it need beside them: a claim about cores and speed means little
 * without the cores, the CPU and the Node version (a verdict's), and a recording read elsewhere needs the memory,
 * the OS and the runtime too (its header's). One module, so the two cannot disagree.
 */
import { arch, availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import type { MachineFacts } from '../../shared/machine-facts';
import type { RecordingMachine, RunHost } from '../../shared/recording/format';

/** Cores available to this process, CPU model and Node version. */
export function machineFacts(): MachineFacts {
  return { cores: availableParallelism(), cpuModel: cpus()[0]?.model.trim() || 'unknown', node: process.version };
}

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
