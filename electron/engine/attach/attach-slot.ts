/**
 * The engine's one attached run: the run going, and the launch still waiting for its app's first hello. A Stop,
 * or a newer attach, aborts that launch at once rather than waiting out its 10 s.
 */
import type { RunConfig } from '../../../shared/run-config';
import type { AttachSpec } from '../../../shared/attach';
import { AttachedRun, type AttachedRunHost, type AttachOptions } from './attached-run';

type LaunchResult = Awaited<ReturnType<typeof AttachedRun.launch>>;

export class AttachSlot {
  private run: AttachedRun | null = null;
  private launching: AbortController | null = null;
  private readonly host: AttachedRunHost;

  constructor(host: Omit<AttachedRunHost, 'ended'>) {
    this.host = {
      ...host,
      ended: (run) => {
        if (this.run === run) this.run = null;
      },
    };
  }

  /** The attached run going, or null. */
  get current(): AttachedRun | null {
    return this.run;
  }

  /** Aborts the launch still waiting for its app, if any. */
  abortLaunch(): void {
    this.launching?.abort();
  }

  /** Aborts the launch still waiting and begins a new one: pass what it returns to {@link launch}. */
  beginLaunch(): AbortController {
    this.abortLaunch();
    this.launching = new AbortController();
    return this.launching;
  }

  /** Launches the app; its run takes the slot, unless it was over already (an app that ended at once). */
  async launch(launch: AbortController, spec: AttachSpec, config: RunConfig, runStartedAt: number, options: AttachOptions & { agentPath: string }): Promise<LaunchResult> {
    const launched = await AttachedRun.launch(spec, config, runStartedAt, options, this.host, launch.signal);
    if (this.launching === launch) this.launching = null;
    if (launched.ok && !launched.run.over) this.run = launched.run;
    return launched;
  }

  /** Ends the attached run going, if any. */
  async stop(): Promise<void> {
    await this.run?.stop();
  }
}
