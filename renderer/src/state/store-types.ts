/**
 * The shape of the renderer's store. It is composed of slices (run config, live series, units, messages,
 * view), each in its own module under slices/. High-rate data (ticks, unit events) is first written into
 * bounded buffers outside React state (`LiveBuffers`) and published to React by `flush()`, which the app
 * calls at most ~10 times a second: however fast ticks arrive, React renders at a bounded rate.
 */
import type { AttachRequest } from '../../../shared/command-requests';
import type { CommandResult, LabApi } from '../../../shared/lab-api';
import type { LabEvent, LabMessage, Summary, Tick } from '../../../shared/messages';
import type { ConfigError, RunConfig } from '../../../shared/run-config';
import type { Finding } from '../../../shared/experiments/diagnosis';
import type { EventLog, ExitMarker, LogEntry } from './events-log';
import type { ActiveExperiment, VerdictCard } from '../experiments/experiment-run';
import type { AttachedRun } from './attached-run';
import type { ConnectionState, Heartbeat } from './heartbeat';
import type { Message, MessageOrigin } from './messages';
import type { RingBuffer } from './ring-buffer';
import type { KeptRun, RunLog } from './run-log';
import type { ChartPoint, SwitchMarker } from './series';
import type { UnitStartup } from './startup';
import type { UnitRow, UnitTracker } from './units';
import type { TimelineModel } from '../timeline/timeline-model';
import type { StoreApi } from 'zustand/vanilla';

export type Theme = 'light' | 'dark';

export interface ConfigSlice {
  /** The engine's settings as last confirmed by it (defaults until the first answer). */
  config: RunConfig;
  running: boolean;
  /** True once the engine has answered at least once. */
  synced: boolean;
  /** Commands sent and not answered yet. */
  pending: number;
  configure(patch: unknown): Promise<CommandResult>;
  start(patch?: unknown): Promise<CommandResult>;
  stop(): Promise<CommandResult>;
  refresh(): Promise<CommandResult>;
  /** The field (engine key) is back at the engine's value without a command (typed back, Escape): its rejection goes. */
  clearFieldError(field: string): void;
  /** Kills one unit from outside, as a crash (the engine restarts it): to watch recovery. */
  crash(unitId: string): Promise<CommandResult>;
  /** Runs an experiment of the catalog: a new run with its settings, its plan, its end. */
  runExperiment(id: string): Promise<CommandResult>;
  /** Names of the workload modules the host offers (the `workloads` command; empty until asked). */
  workloadFiles: string[];
  /** Asks the host which workload modules it offers. */
  listWorkloads(): Promise<CommandResult>;
  /** Runs an offered module by name; without one the desktop app opens a file dialog. */
  pickWorkload(name?: string): Promise<CommandResult>;
}

/** Attach: running the user's own app with the lab's agent, and watching it (shared/attach.ts). */
export interface AttachSlice {
  /**
   * Whether the host lets this window attach (getState's `canAttach`): the desktop app always, browser mode when
   * started with `--allow-attach`; null until a host says (a replay, or a lab from before attach existed).
   */
  canAttach: boolean | null;
  /** The run on screen when it is attached to the user's app (live, just ended, or replayed); null for a lab run. */
  attachedRun: AttachedRun | null;
  /** What the host found wrong with the last `attach`, each naming its field (`command`, `cwd`); empty once one is taken. */
  attachErrors: ConfigError[];
  /** Starts the user's command (argv) with the agent preloaded, in `cwd` (the host's folder when absent). */
  attach(request: AttachRequest): Promise<CommandResult>;
  /** The field was edited: the host's word about its old value no longer applies. */
  clearAttachError(field: string): void;
}

export interface ExperimentSlice {
  /** The experiment shown in the Experiments panel (chosen there, by `?experiment=ID`, or by the run). */
  selectedExperiment: string | null;
  /** Shows an experiment in the panel; an unknown id is reported with the known ones, and false returned. */
  selectExperiment(id: string): boolean;
  /** The experiment the current (or last) run is, as the engine announced it; null for a plain run. */
  activeExperiment: ActiveExperiment | null;
  /** Its verdict card, refreshed as segments end and final once the run's summary arrived. */
  verdictCard: VerdictCard | null;
  /** What the last seconds of ticks show (shared/experiments/diagnosis.ts), most severe first, for every run. */
  findings: Finding[];
}

export interface SeriesSlice {
  /** Points of the visible window, at most MAX_DRAWN_POINTS. */
  points: ChartPoint[];
  markers: SwitchMarker[];
  /** x range of the charts, seconds since the run started. */
  domain: [number, number];
  latest: Tick | null;
  /** The newest unit startup measured in this run (ticks without one keep it), or null before any unit started. */
  startup: UnitStartup | null;
  /** Ticks received in this run (keeps counting while the view is paused; published with the view). */
  tickCount: number;
}

/**
 * The timeline's model as the view may draw it: the model itself (mutable, fed per message: 65 lanes of slices
 * are not copied five times a second) and the window it shows, published by flush(). A new object on every
 * publish, so a subscriber sees that there is something new to draw; a paused view keeps its frame (the model
 * keeps 90 s, so the window it shows stays drawable for half a minute of pause).
 */
export interface TimelineFrame {
  model: TimelineModel;
  /** The charts' window (`domain`), in ms since the run started. */
  fromMs: number;
  toMs: number;
  /** The model's version when published. */
  version: number;
}

export interface TimelineSlice {
  timeline: TimelineFrame;
}

export interface EventsSlice {
  /** Crashes, timeouts and kills inside the chart window, oldest first: the red ticks on the delay chart. */
  exitMarkers: ExitMarker[];
  /** The event log of the run, newest first, bounded. */
  events: LogEntry[];
  /** Totals of the last run, from its end until the next start (or until dismissed). */
  summary: Summary | null;
  dismissSummary(): void;
}

export interface UnitsSlice {
  units: UnitRow[];
}

export interface MessagesSlice {
  messages: Message[];
  /** `fields`: the engine keys a rejected command named; a newer rejection of a field replaces the older. */
  report(origin: MessageOrigin, text: string, fields?: readonly string[]): void;
  /** Drops the command rejections whose field `which` picks (a field accepted, or set back to the engine's value). */
  clearFieldErrors(which: (field: string) => boolean): void;
  dismiss(id: number): void;
  clearMessages(origin?: MessageOrigin): void;
}

export interface ViewSlice {
  /** Data keeps arriving while paused; only what React shows stays frozen. */
  paused: boolean;
  setPaused(paused: boolean): void;
  theme: Theme;
  setTheme(theme: Theme): void;
  heartbeat: Heartbeat;
  connection: ConnectionState;
  setConnection(connection: ConnectionState): void;
}

export interface IngestSlice {
  ingestTick(tick: Tick): void;
  ingestEvent(event: LabEvent): void;
  ingestSummary(summary: Summary): void;
  /**
   * A run joined late (the engine's `run` in its answer to getState: an experiment's messages so far): fed
   * through the same actions as the live stream, from its `run-started`, which clears what the page had.
   */
  ingestRun(messages: readonly LabMessage[]): void;
  /** Publishes what arrived since the last flush, and the heartbeat. */
  flush(): void;
  /** The run's messages as kept (bounded, oldest dropped first), for Save run; null before any message. */
  keptRun(): KeptRun | null;
}

export type LabState = ConfigSlice & SeriesSlice & TimelineSlice & EventsSlice & UnitsSlice & MessagesSlice & ViewSlice & IngestSlice & ExperimentSlice & AttachSlice;
export type LabStore = StoreApi<LabState>;

/** What the store needs from the outside world; injected so tests can use a fake engine and a fake clock. */
export interface StoreDeps {
  api: LabApi;
  /** Monotonic clock in ms (performance.now in the app). */
  now: () => number;
  /** Wall clock in ms (Date.now, the default): dates a kept run for its file. */
  wallClock?: () => number;
  theme?: Theme;
  /**
   * The run's length when the viewer knows it before the run is over (a replay: its recording's), ms; the charts
   * and the timeline span it (series.ts chartDomain). A live run learns its length from its experiment's plan.
   */
  runLengthMs?: number;
  /** How long the timeline keeps what happened, ms (timeline-model.ts KEEP_MS when absent). */
  timelineKeepMs?: number;
}

/** The mutable, non-reactive side of the store: written per message, read by flush(). */
export interface LiveBuffers {
  series: RingBuffer<ChartPoint>;
  markers: RingBuffer<SwitchMarker>;
  /** Abnormal unit exits of the run, for the chart. */
  exits: RingBuffer<ExitMarker>;
  log: EventLog;
  /** The log changed since the last flush (published apart from the series: it changes far less often). */
  logDirty: boolean;
  units: UnitTracker;
  /** Every thread's busy slices, life and marks (timeline/timeline-model.ts). */
  timeline: TimelineModel;
  latest: Tick | null;
  startup: UnitStartup | null;
  tickCount: number;
  /**
   * The run's messages, the window's one copy of them (run-log.ts): what Save run, the verdict and the diagnosis
   * read. Bounded: an experiment (at most 30 s) fits whole; a long run keeps its newest part.
   */
  run: RunLog;
  experiment: ActiveExperiment | null;
  /** When the run's experiment plans to stop it, ms since the run started (its `experiment-started` event); null for a plain run. */
  plannedEndMs: number | null;
  card: VerdictCard | null;
  /** Clock time of the last tick (or of the run start); drives the heartbeat. */
  lastTickAt: number | null;
  /** Something arrived that the published view does not show yet. */
  dirty: boolean;
}

/** zustand's set/get, narrowed to this store. */
export type SetState = StoreApi<LabState>['setState'];
export type GetState = StoreApi<LabState>['getState'];

/** What every slice creator receives. */
export interface SliceContext {
  set: SetState;
  get: GetState;
  deps: StoreDeps;
  live: LiveBuffers;
}
