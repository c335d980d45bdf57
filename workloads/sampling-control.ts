/**
 * Where a unit hears the engine turn its sampling on or off at runtime (shared/unit-protocol.ts,
 * SamplingMessage): a process over its IPC channel, a thread over the BroadcastChannel its settings name (one
 * post from the engine reaches every thread it started, whatever pool library holds them).
 */
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import { isSamplingMessage, type SamplingMessage, type UnitSettings } from '../shared/unit-protocol';

/** Calls `apply` with each new setting; returns how to stop listening. */
export function onSamplingChange(settings: UnitSettings, apply: (next: SamplingMessage['settings']) => void): () => void {
  const take = (message: unknown) => {
    if (isSamplingMessage(message)) apply(message.settings);
  };
  if (isMainThread) {
    // A process without IPC (a program the lab spawned) has nobody to hear from.
    if (!process.send) return () => undefined;
    process.on('message', take);
    return () => process.off('message', take);
  }
  if (!settings.samplingChannel) return () => undefined;
  const channel = new BroadcastChannel(settings.samplingChannel);
  channel.onmessage = (event) => take((event as MessageEvent).data);
  // Listening must never keep a thread alive on its own.
  channel.unref();
  return () => channel.close();
}
