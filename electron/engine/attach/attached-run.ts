/**
 * One attached run, from launch to summary: the agent server, the user's command, the model of the app fed by
 * the agent and /proc, a tick per interval, and the end.
 *
 * Launch (the `attach` command resolves once it is decided):
 * - the command is started (app-launch.ts); a failure to start is an error naming it;
 * - the run begins at the first hello of any process of the app: `run-started`, then the ticks;
 * - the first process ending before any hello is an error naming the command and its exit code or signal
 *   ("exited at once": a failed command, a script that ended before its agent connected, a non-Node program
 *   that gave up);
 * - no hello within {@link ATTACH_DEFAULTS}.helloTimeoutMs (10 s) is the "not a Node app" error, and so is a
 *   Stop meanwhile (it names the Stop instead); the whole group is ended before the error is answered.
 * End, either way:
 * - the first process ends on its own: `app-exited` (its code or signal, byLab false), then the rest of the group
 *   is ended (SIGTERM, {@link ATTACH_DEFAULTS}.afterExitGraceMs, SIGKILL);
 * - Stop: SIGTERM to the group, {@link ATTACH_DEFAULTS}.stopGraceMs, SIGKILL, `app-exited` (byLab true) when
 *   the first process is reaped;
 * then, once /proc shows nothing of the app: the last tick, `run-stopped`, and the summary (unitsAlive counts what
 * is honestly still there, 0 after a clean end).
 */
import { performance } from 'node:perf_hooks';
import type { AppExit, AttachSpec } from '../../../shared/attach';
import type { LabMessage } from '../../../shared/messages';
import type { ConfigError, RunConfig } from '../../../shared/run-config';
import type { EventBody } from '../unit-events';
import type { AgentHello, AgentReport } from './agent-protocol';
import { AgentServer, type AgentSink } from './agent-server';
import { appEnv, launchApp, shownCommand, type AppOutput, type LaunchedApp, type ProcessEnd } from './app-launch';
import { AppModel } from './app-model';
import { AttachedTicks } from './attached-ticks';
import { attachedSummary } from './attached-summary';
import { appExitOf } from './exit-facts';
import { endGroup } from './group-end';
import { ProcScan } from './proc-scan';

/** What a host may set about an attached run. */
export interface AttachOptions {
  /** Where the app's stdout and stderr go (app-launch.ts); by default straight into the lab's stderr. */
  output?: AppOutput;
  /** The agent to preload; by default the lab's (agent-path.ts). */
  agentPath?: string;
  /** How long the app may take to have a Node process say hello, in ms. */
  helloTimeoutMs?: number;
  /** How long a Stop waits after SIGTERM before SIGKILL, in ms. */
  stopGraceMs?: number;
  /** How long the rest of the app gets after its first process ended on its own, in ms. */
  afterExitGraceMs?: number;
}

export const ATTACH_DEFAULTS = { helloTimeoutMs: 10_000, stopGraceMs: 3_000, afterExitGraceMs: 2_000 } as const;

/** How often /proc is read whole for new processes, in ms (the known ones are read every tick). */
const FULL_SCAN_EVERY_MS = 1_000;

/** What the run needs from the engine. */
export interface AttachedRunHost {
  publish(message: LabMessage): void;
  /** An event, stamped with the run's clock. */
  emit(body: EventBody): void;
  /** The run is over: its summary is out. */
  ended(run: AttachedRun): void;
}

/** Where the launch stands. */
type Phase = { name: 'waiting'; settle(failure: string | null): void } | { name: 'running' } | { name: 'failed' };

export class AttachedRun implements AgentSink {
  private phase: Phase = { name: 'failed' };
  private readonly model: AppModel;
  private readonly scan: ProcScan;
  private readonly ticks: AttachedTicks;
  private timer: NodeJS.Timeout | null = null;
  private lastFullScan = 0;
  private stopping = false;
  private exit: AppExit | null = null;
  private finishing: Promise<void> | null = null;
  private tickFailed = false;
  private ended = false;

  private constructor(
    readonly spec: AttachSpec,
    private readonly config: RunConfig,
    private readonly runStartedAt: number,
    private readonly options: Record<keyof typeof ATTACH_DEFAULTS, number>,
    private readonly host: AttachedRunHost,
    private readonly server: AgentServer,
    private readonly app: LaunchedApp,
  ) {
    this.model = new AppModel(app.pid, { emit: (body) => host.emit(body) });
    this.scan = new ProcScan(app.pid);
    this.ticks = new AttachedTicks(this.model, config.intervalMs, runStartedAt, () => server.refused);
    void app.ended.then((end) => this.rootEnded(end));
  }

  /**
   * Starts `spec` and waits for its first hello: the run, or the error that ended it (the app then ended whole).
   * `stopped` aborts the wait (a Stop before the app reported).
   */
  static async launch(
    spec: AttachSpec,
    config: RunConfig,
    runStartedAt: number,
    options: AttachOptions & { agentPath: string },
    host: AttachedRunHost,
    stopped: AbortSignal,
  ): Promise<{ ok: true; run: AttachedRun } | { ok: false; errors: ConfigError[] }> {
    const failed = (message: string) => ({ ok: false as const, errors: [{ field: 'command', message }] });
    // The server exists before the app does, so the app's first hello finds it; its sink is the run, once made
    // (what comes before, in the moment between the spawn and the run, is kept for it).
    let run: AttachedRun | null = null;
    const early: Array<(sink: AgentSink) => void> = [];
    const relay = (call: (sink: AgentSink) => void) => (run ? call(run) : early.push(call));
    const server = new AgentServer({
      hello: (id, hello) => relay((sink) => sink.hello(id, hello)),
      report: (id, report) => relay((sink) => sink.report(id, report)),
      closed: (id) => relay((sink) => sink.closed(id)),
    });
    const port = await server.listen();
    if (stopped.aborted) {
      await server.close();
      return failed(`${shownCommand(spec.command)} was not started: Stop came first`);
    }
    const env = appEnv(process.env, { port, token: server.token, intervalMs: config.intervalMs, agentPath: options.agentPath });
    const launched = await launchApp(spec.command, spec.cwd, env, options.output ?? { to: 'fd', fd: 2 });
    if (!launched.ok) {
      await server.close();
      return failed(launched.message);
    }
    const timing = { ...ATTACH_DEFAULTS, ...definedOnly(options) };
    run = new AttachedRun(spec, config, runStartedAt, timing, host, server, launched.app);
    const waiting = run.awaitHello(stopped);
    for (const call of early.splice(0)) call(run);
    const failure = await waiting;
    if (failure === null) return { ok: true, run };
    await run.abandon();
    return failed(failure);
  }

  /** Whether the run is over (its summary out). */
  get over(): boolean {
    return this.ended;
  }

  /** Ends the app (Stop): resolves once its summary is out. */
  stop(): Promise<void> {
    this.stopping = true;
    return this.finish();
  }

  hello(connection: number, hello: AgentHello): void {
    if (this.phase.name === 'failed') return;
    if (this.phase.name === 'waiting') this.begin();
    this.scan.adopt(hello.pid);
    this.model.hello(connection, hello);
  }

  report(connection: number, report: AgentReport): void {
    if (this.phase.name === 'running') this.model.report(connection, report);
  }

  closed(connection: number): void {
    if (this.phase.name === 'running') this.model.closed(connection);
  }

  /** Null once a process said hello; else why the launch failed (the app ended, the wait ran out, a Stop). */
  private awaitHello(stopped: AbortSignal): Promise<string | null> {
    const command = shownCommand(this.spec.command);
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle(`no Node.js process of ${command} reported to the lab within ${this.options.helloTimeoutMs / 1000} s, so it was ended: attach watches Node.js apps (it preloads its agent through NODE_OPTIONS), and ${this.spec.command[0]} is not one or ignores NODE_OPTIONS`),
        this.options.helloTimeoutMs,
      );
      const onStop = () => settle(`${command} was ended: Stop came before any Node.js process of it reported to the lab`);
      const settle = (failure: string | null) => {
        clearTimeout(timer);
        stopped.removeEventListener('abort', onStop);
        if (this.phase.name === 'waiting') this.phase = failure === null ? { name: 'running' } : { name: 'failed' };
        resolve(failure);
      };
      stopped.addEventListener('abort', onStop);
      this.phase = { name: 'waiting', settle };
      if (stopped.aborted) onStop();
    });
  }

  /** The first hello: the run begins. */
  private begin(): void {
    if (this.phase.name !== 'waiting') return;
    const { settle } = this.phase;
    settle(null);
    this.host.emit({ event: 'run-started', config: { ...this.config }, attached: this.attachedSpec() });
    this.timer = setInterval(() => this.tick(), this.config.intervalMs);
  }

  private tick(): void {
    try {
      const now = performance.now();
      const full = now - this.lastFullScan >= FULL_SCAN_EVERY_MS;
      if (full) this.lastFullScan = now;
      this.model.scanned(this.scan.scan(full));
      this.host.publish(this.ticks.build());
    } catch (error) {
      // Said once: a fault here would repeat every tick.
      if (!this.tickFailed) this.host.emit({ event: 'error', message: `an attached run's tick failed: ${(error as Error).message}`, source: 'engine' });
      this.tickFailed = true;
    }
  }

  private rootEnded(end: ProcessEnd): void {
    const phase = this.phase;
    if (phase.name === 'waiting') {
      const how = end.signal !== null ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
      phase.settle(`${shownCommand(this.spec.command)} ${how} before any Node.js process of it reported to the lab: nothing to attach to (the command failed, ended at once, or is not a Node.js app)`);
      return;
    }
    if (phase.name !== 'running') return;
    this.exit = appExitOf(end, this.stopping, this.options.stopGraceMs);
    this.host.emit({ event: 'app-exited', pid: this.app.pid, ...this.exit });
    this.model.rootEnded(end, this.stopping);
    if (!this.stopping) void this.finish();
  }

  /** Ends what is left of the app, then the last tick, `run-stopped` and the summary (once, whoever asks). */
  private finish(): Promise<void> {
    this.finishing ??= (async () => {
      this.model.ending = true;
      await endGroup(this.app, this.scan, this.stopping ? this.options.stopGraceMs : this.options.afterExitGraceMs);
      // The connections go with the processes; any still open (a process that escaped) is closed now.
      await this.server.close();
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      const final = this.scan.scan(true);
      this.model.scanned(final);
      const unitsAlive = this.model.endAll(new Set(final.alive.keys()));
      this.tick();
      const t = Math.round(performance.now() - this.runStartedAt);
      this.host.emit({ event: 'run-stopped', config: { ...this.config }, attached: this.attachedSpec() });
      this.host.publish(attachedSummary({ t, config: this.config, spec: this.spec, model: this.model, exit: this.exit, refused: this.server.refused, hostEld: this.ticks.hostDelay(), unitsAlive }));
      this.app.detachOutput();
      this.ended = true;
      this.host.ended(this);
    })();
    return this.finishing;
  }

  /** A launch that failed: whatever it started is ended, nothing was announced. */
  private async abandon(): Promise<void> {
    this.phase = { name: 'failed' };
    this.model.ending = true;
    await endGroup(this.app, this.scan, this.options.stopGraceMs);
    await this.server.close();
    this.app.detachOutput();
  }

  private attachedSpec(): AttachSpec {
    return { command: [...this.spec.command], cwd: this.spec.cwd };
  }
}

/** The options a caller set (an explicit undefined does not override a default). */
function definedOnly(options: AttachOptions): Partial<Record<keyof typeof ATTACH_DEFAULTS, number>> {
  const { helloTimeoutMs, stopGraceMs, afterExitGraceMs } = options;
  return Object.fromEntries(Object.entries({ helloTimeoutMs, stopGraceMs, afterExitGraceMs }).filter(([, value]) => value !== undefined));
}
