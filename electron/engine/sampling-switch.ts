/**
 * Sampling on or off for a run, switchable while it runs. `npm run bench` measures what sampling costs this
 * way: the same threads and processes, the same placement on the cores, alternately measured and not, second
 * by second; starting a new run per side added run-to-run differences of several per cent, more than the 2 %
 * to be shown. Off means what `new LabEngine({ sampling: false })` means: no ticks, no host probe, no health
 * checks, and no unit probing, reporting or announcing.
 */
import { BroadcastChannel } from 'node:worker_threads';
import type { RunConfig } from '../../shared/run-config';
import type { SamplingMessage, UnitSettings } from '../../shared/unit-protocol';
import type { Strategy } from './strategies';
import { unitSettings } from './probes/unit-options';

/** Engines made in this process, so each one's channel has its own name. */
let engines = 0;

export class SamplingSwitch {
  /** The BroadcastChannel this engine's threads listen on (shared/unit-protocol.ts, samplingChannel). */
  private readonly channelName = `nclab-sampling-${process.pid}-${++engines}`;
  private channel: BroadcastChannel | null = null;

  /** The host's health check every 50 ms in this run (LabEngine.checkHealthOften); the tick sampler reads it. */
  healthOften = false;

  constructor(private enabled: boolean) {}

  get on(): boolean {
    return this.enabled;
  }

  /** What a unit started now gets: the run's settings while sampling is on, intervalMs 0 while it is off. */
  unitSettings(config: RunConfig): UnitSettings {
    return { ...unitSettings(config, this.enabled), samplingChannel: this.channelName };
  }

  /**
   * Turns sampling on or off for units started from now on and tells the running ones: threads with one post on
   * the channel, processes each over IPC (through their strategy). False when it was already so.
   */
  set(on: boolean, config: RunConfig, strategies: Strategy[]): boolean {
    if (on === this.enabled) return false;
    this.enabled = on;
    const message = this.message(config);
    this.post(message);
    for (const strategy of strategies) strategy.samplingChanged(message);
    return true;
  }

  /**
   * Tells one unit the current settings: a process over IPC; a thread with a post every thread hears (those
   * already so set ignore it). For a unit that booted across a switch and missed it.
   */
  catchUp(unit: { handle: { send?(message: SamplingMessage): void } }, config: RunConfig): void {
    const message = this.message(config);
    if (unit.handle.send) unit.handle.send(message);
    else this.post(message);
  }

  private message(config: RunConfig): SamplingMessage {
    const { intervalMs, probeResolutionMs } = this.unitSettings(config);
    return { type: 'sampling', settings: { intervalMs, probeResolutionMs } };
  }

  private post(message: SamplingMessage): void {
    if (!this.channel) {
      this.channel = new BroadcastChannel(this.channelName);
      // The channel must never keep the host alive on its own.
      this.channel.unref();
    }
    this.channel.postMessage(message);
  }
}
