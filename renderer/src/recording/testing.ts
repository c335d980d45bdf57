/** Synthetic runs for the recording tests: a run of `ticks` ticks with `units` units each, as the engine sends it. */
import type { LabMessage } from '../../../shared/messages';
import type { RecordingMachine } from '../../../shared/recording/format';
import { defaultConfig } from '../../../shared/run-config';
import { makeSummary, makeTick, makeUnit, switched, unitStarted } from '../testing/fake-lab';

export const MACHINE: RecordingMachine = {
  cores: 2,
  cpuModel: 'Test CPU',
  node: 'v20.18.0',
  memoryBytes: 8 * 2 ** 30,
  os: 'linux',
  kernel: '6.1.0',
  arch: 'x64',
  v8: '11.3',
  electron: null,
  host: 'browser',
};

export function syntheticRun(ticks: number, units: number, intervalMs = 200): LabMessage[] {
  const config = defaultConfig();
  const ids = Array.from({ length: units }, (_, i) => `worker-pool#1/thread-${i + 1}`);
  const messages: LabMessage[] = [{ type: 'event', event: 'run-started', t: 0, config }, switched(0, null, 'worker-pool', config)];
  for (const id of ids) messages.push(unitStarted(5, id));
  for (let i = 1; i <= ticks; i++) {
    const t = i * intervalMs;
    messages.push(makeTick(t, { eldP99: i % 50, throughput: 40 + (i % 7), units: ids.map((id, u) => makeUnit({ id, done: i + u })) }));
  }
  const end = ticks * intervalMs + 50;
  messages.push({ type: 'event', event: 'run-stopped', t: end, config });
  messages.push(makeSummary({ t: end }));
  return messages;
}
