/**
 * What the window does with recordings: save the live run (the store's kept messages, state/run-log.ts, a header with the engine's
 * machine facts, saved as a file: the desktop's Save dialog or a download), open one (file picker or drop; a bad file is an error naming the file
 * and line, and changes nothing), and replay it with play / pause, 1x to 10x and a scrubber. Its state is a
 * small zustand store of its own, so the components read it as they read the lab's.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ATTACHED } from '../../../shared/attach';
import type { LabApi } from '../../../shared/lab-api';
import type { RecordingHeader } from '../../../shared/recording/format';
import { parseRecording } from '../../../shared/recording/parse';
import type { LabStore } from '../state/store-types';
import { compareRecordings, type Comparison } from './compare';
import { comparedRuns, type ComparedRuns } from './compared-runs';
import type { ReplaySpeed } from './replay-player';
import { ReplaySession } from './replay-session';
import type { FileContent, SaveFile } from './save-file';
import { MachineFacts } from './machine-facts';
import { keptTailNote, recordingFileName, keptRunHeader, recordingText } from './save-format';

/** Larger files are refused before reading: a 10-minute run with 64 units is well under this. */
export const MAX_RECORDING_BYTES = 256 * 1024 * 1024;
/** How often a playing replay moves on and repaints: the live view's flush rate. */
export const REPLAY_STEP_MS = 100;

export interface ReplayView {
  name: string;
  header: RecordingHeader;
  warnings: string[];
  /** ms since the run started. */
  startMs: number;
  endMs: number;
  positionMs: number;
  speed: ReplaySpeed;
  playing: boolean;
  /** The store the charts read while replaying. */
  store: LabStore;
}

export interface RecordingState {
  replay: ReplayView | null;
  /** The last thing that went wrong (a bad file, a failed save), in words; null when all is well. */
  error: string | null;
  /** Name of the last file saved, for the user to find it. */
  saved: string | null;
  /** What the last saved file lacks, when the window kept only the run's newest part (run-log.ts); else null. */
  savedNote: string | null;
  /** The replayed recording (A) beside a second one (B), or null. */
  comparison: Comparison | null;
  /** The two compared runs as stores (their timelines) and the comparison's x range; null without a comparison. */
  compared: ComparedRuns | null;
}

export interface RecordingDeps {
  api: LabApi;
  /** The live store: its kept run is what Save run writes. */
  live: LabStore;
  /** Hands a file to the user (desktop: the native Save dialog; browser: a download); see save-file.ts. */
  saveFile: SaveFile;
  /** Monotonic wall clock, ms. */
  now(): number;
  /** Calls `fn` every `ms` until cancelled (setInterval in the app). */
  repeat(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

/** A file as the picker or a drop gives it (the DOM File has these). */
export interface RecordingFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export class RecordingController {
  readonly state: StoreApi<RecordingState> = createStore<RecordingState>()(() => ({ replay: null, error: null, saved: null, savedNote: null, comparison: null, compared: null }));
  private session: ReplaySession | null = null;
  private timer: unknown = null;
  private unsubscribeTheme: (() => void) | null = null;
  /** The user pressed Pause (and not Play since): only then does a replay that stopped stay stopped on a change of speed. */
  private pausedByUser = false;

  private readonly machine: MachineFacts;

  constructor(private readonly deps: RecordingDeps) {
    // Asked once at the start (answered once connected), so the facts are known before anything can go wrong.
    this.machine = new MachineFacts(deps);
  }

  /** Saves the live run as `<date>-<strategy>.nclab.jsonl` (`<date>-attached.nclab.jsonl` for a run attached to the user's app). */
  async save(): Promise<void> {
    const run = this.deps.live.getState().keptRun();
    if (!run) {
      this.fail('nothing to save yet: start a run, and save it during or after it');
      return;
    }
    const { machine, why } = await this.machine.get();
    if (!machine) {
      this.fail(`cannot save: the lab did not say which machine it runs on (${why})`);
      return;
    }
    const live = this.deps.live.getState();
    const header = keptRunHeader(run, machine, live.config);
    // An experiment's verdict is made in the window as its segments end; once the run ended it is the final one.
    const card = live.verdictCard;
    const verdict = run.ended && header.experiment && card?.id === header.experiment.id ? card.verdict : null;
    const name = recordingFileName(header.startedAt, live.attachedRun ? ATTACHED : header.config.strategy);
    await this.saveFile(name, () => recordingText(header, run, verdict), keptTailNote(run));
  }

  /**
   * Saves a file the window made (a chart's export) as `name`: `make` builds the content, and what goes wrong
   * while making or saving it is shown as the bar's error; a cancelled dialog changes nothing.
   */
  async saveFile(name: string, make: () => FileContent | Promise<FileContent>, note: string | null = null): Promise<void> {
    try {
      const where = await this.deps.saveFile(name, await make());
      if (where !== null) this.state.setState({ saved: where, savedNote: note, error: null });
    } catch (error) {
      this.fail(`could not save ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** When the shown run started (ISO 8601): the replayed recording's, else the live run's; null before any run. */
  runDate(): string | null {
    return this.session?.recording.header.startedAt ?? this.deps.live.getState().keptRun()?.startedAt ?? null;
  }

  /** Opens a recording and starts replaying it; a bad file leaves everything as it was. */
  async open(file: RecordingFile): Promise<boolean> {
    if (file.size > MAX_RECORDING_BYTES) {
      return this.fail(`${file.name}: ${(file.size / 2 ** 20).toFixed(0)} MiB is larger than the ${MAX_RECORDING_BYTES / 2 ** 20} MiB a window opens; use the CLI's --report`);
    }
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      return this.fail(`${file.name}: could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
    return this.openText(text, file.name);
  }

  /** Opens a recording from its text (what `open` does once the file is read). */
  openText(text: string, name: string): boolean {
    const parsed = parseRecording(text, name);
    if (!parsed.ok) return this.fail(parsed.error);
    this.stopReplay();
    const live = this.deps.live;
    const session = new ReplaySession(parsed.recording, live.getState().theme);
    this.session = session;
    // The theme is the window's, not the replay's: a toggle during a replay outlives it.
    this.unsubscribeTheme = session.store.subscribe((s, previous) => {
      if (s.theme !== previous.theme) live.getState().setTheme(s.theme);
    });
    this.state.setState({ replay: this.view(), error: null, comparison: null, compared: null });
    this.play();
    return true;
  }

  /** Compares the replayed recording (A) with a second one (B); a bad file leaves everything as it was. */
  async compareWith(file: RecordingFile): Promise<boolean> {
    if (!this.session) return this.fail('open a recording first: it is A, the file to compare with is B');
    if (file.size > MAX_RECORDING_BYTES) return this.fail(`${file.name}: larger than the ${MAX_RECORDING_BYTES / 2 ** 20} MiB a window opens`);
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      return this.fail(`${file.name}: could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
    return this.compareText(text, file.name);
  }

  compareText(text: string, name: string): boolean {
    const session = this.session;
    if (!session) return this.fail('open a recording first: it is A, the file to compare with is B');
    const parsed = parseRecording(text, name);
    if (!parsed.ok) return this.fail(parsed.error);
    this.state.setState({
      comparison: compareRecordings(session.recording, parsed.recording),
      compared: comparedRuns(session.recording, parsed.recording, session.store.getState().theme),
      error: null,
    });
    return true;
  }

  closeComparison(): void {
    this.state.setState({ comparison: null, compared: null });
  }

  play(): void {
    const session = this.session;
    if (!session) return;
    this.pausedByUser = false;
    session.player.play(this.deps.now());
    if (this.timer === null) this.timer = this.deps.repeat(() => this.step(), REPLAY_STEP_MS);
    this.publish();
  }

  pause(): void {
    this.pausedByUser = true;
    this.session?.player.pause();
    this.halt();
    this.publish();
  }

  /**
   * Sets the speed. Choosing one is asking to watch at it: a replay that stopped by itself (it reached the end,
   * then was scrubbed back) plays on; one the user paused stays paused, showing Play.
   */
  setSpeed(speed: ReplaySpeed): void {
    const session = this.session;
    if (!session) return;
    session.player.setSpeed(speed, this.deps.now());
    if (!this.pausedByUser && !session.player.playing && !session.player.atEnd) this.play();
    else this.publish();
  }

  /** Moves the replay to `ms` (recording time), playing on if it was playing. */
  seek(ms: number): void {
    const session = this.session;
    if (!session) return;
    session.player.advance(this.deps.now());
    session.player.seek(ms);
    this.publish();
  }

  /** Leaves the replay: the window shows the live lab again. */
  backToLive(): void {
    this.stopReplay();
    this.state.setState({ replay: null, comparison: null, compared: null });
  }

  dismissError(): void {
    this.state.setState({ error: null });
  }

  /** One step of a playing replay (the timer's). */
  step(): void {
    const session = this.session;
    if (!session) return;
    session.player.advance(this.deps.now());
    if (!session.player.playing) this.halt();
    this.publish();
  }

  private publish(): void {
    if (!this.session) return;
    this.session.publish();
    this.state.setState({ replay: this.view() });
  }

  private view(): ReplayView | null {
    const session = this.session;
    if (!session) return null;
    const { recording, timeline, player } = session;
    return {
      name: recording.name,
      header: recording.header,
      warnings: recording.warnings,
      startMs: timeline.startMs,
      endMs: timeline.endMs,
      positionMs: player.position,
      speed: player.speed,
      playing: player.playing,
      store: session.store,
    };
  }

  private halt(): void {
    if (this.timer !== null) this.deps.cancel(this.timer);
    this.timer = null;
  }

  private stopReplay(): void {
    this.halt();
    this.unsubscribeTheme?.();
    this.unsubscribeTheme = null;
    this.session = null;
  }

  /** Says what went wrong; nothing else changes. False, for the callers that answer whether a file opened. */
  private fail(error: string): false {
    this.state.setState({ error });
    return false;
  }
}
