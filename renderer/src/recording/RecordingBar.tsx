/**
 * Save, open and replay controls. Live: "Save run" downloads the run so far as a recording, "Open recording"
 * picks one (a drop on the window does the same): small buttons in the header (RecordingBar). Replaying: a banner
 * above the picture that names the file, the machine and the date, with play / pause, 1x to 10x, a scrubber in
 * seconds and "Back to live", and any error (RecordingNotices); a comparison opens beside the picture (ComparePanel).
 */
import { useRef } from 'react';
import { Segmented } from '../components/Segmented';
import { RECORDING_EXTENSION } from '../../../shared/recording/format';
import { REPLAY_SPEEDS, type ReplaySpeed } from './replay-player';
import { machineText, recordedAtText, replayClockText } from './replay-format';
import { useRecording, useRecordingController } from './use-recording';
import './recording.css';

const SPEED_LABELS = REPLAY_SPEEDS.map((s) => `${s}x`);

function ReplayBanner() {
  const controller = useRecordingController();
  const replay = useRecording((s) => s.replay);
  if (!replay) return null;
  const { header } = replay;
  return (
    <section className="replay-banner panel" data-testid="replay-banner" aria-label="replay">
      <div className="replay-title">
        <span className="replay-badge">REPLAY</span>
        <strong data-testid="replay-name">{replay.name}</strong>
        <span className="muted" title={header.startedAt}>
          recorded {recordedAtText(header.startedAt)} on <span data-testid="replay-machine">{machineText(header.machine)}</span>
        </span>
        {header.experiment && <span className="muted">experiment {header.experiment.id}</span>}
      </div>
      <div className="replay-controls">
        <button type="button" className={`ghost-button${replay.playing ? '' : ' replay-play-paused'}`} data-testid="replay-play" aria-pressed={replay.playing} onClick={() => (replay.playing ? controller.pause() : controller.play())}>
          {replay.playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <Segmented
          label="speed"
          options={SPEED_LABELS}
          value={`${replay.speed}x`}
          onChange={(label) => controller.setSpeed(Number(label.slice(0, -1)) as ReplaySpeed)}
          testId="replay-speed"
          hint="Replay speed: recording time per wall-clock time"
        />
        <input
          type="range"
          className="replay-scrubber"
          data-testid="replay-scrubber"
          aria-label="replay position, seconds"
          min={replay.startMs / 1000}
          max={replay.endMs / 1000}
          step="any"
          value={replay.positionMs / 1000}
          onChange={(e) => controller.seek(Number(e.target.value) * 1000)}
        />
        <span className="replay-clock" data-testid="replay-clock">
          {replayClockText(replay.positionMs, replay.endMs)}
        </span>
        <button type="button" className="ghost-button" data-testid="back-to-live" onClick={() => controller.backToLive()}>
          Back to live
        </button>
      </div>
      {replay.warnings.map((warning) => (
        <p key={warning} className="replay-warning" data-testid="replay-warning">
          {warning}
        </p>
      ))}
    </section>
  );
}

export function RecordingBar() {
  const controller = useRecordingController();
  const { replaying, saved, savedNote } = useRecording((s) => ({ replaying: s.replay !== null, saved: s.saved, savedNote: s.savedNote }));
  const input = useRef<HTMLInputElement>(null);
  const compareInput = useRef<HTMLInputElement>(null);
  return (
    <div className="recording-bar">
        {!replaying && (
          <button type="button" className="ghost-button" data-testid="save-recording" title="Download this run (every tick and event so far) as a recording" onClick={() => void controller.save()}>
            ⤓ Save run
          </button>
        )}
        <button type="button" className="ghost-button" data-testid="open-recording" title={`Replay a ${RECORDING_EXTENSION} recording (or drop one on the window)`} onClick={() => input.current?.click()}>
          ⤒ Open…
        </button>
        <input
          ref={input}
          type="file"
          accept={`${RECORDING_EXTENSION},.jsonl`}
          hidden
          data-testid="open-recording-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void controller.open(file);
          }}
        />
        {replaying && (
          <button type="button" className="ghost-button" data-testid="compare-recording" title="Show a second recording (B) beside this one (A): throughput, loop delay and every figure" onClick={() => compareInput.current?.click()}>
            ⇄ Compare with…
          </button>
        )}
        <input
          ref={compareInput}
          type="file"
          accept={`${RECORDING_EXTENSION},.jsonl`}
          hidden
          data-testid="compare-recording-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void controller.compareWith(file);
          }}
        />
        {saved && !replaying && (
          <span className="muted saved-name" data-testid="saved-name" title={savedNote ? `${saved}: ${savedNote}` : saved}>
            saved {saved}
            {savedNote && <span data-testid="saved-note"> ({savedNote})</span>}
          </span>
        )}
    </div>
  );
}

/** What a recording has to say above the picture: an error, and the replay's banner with its controls. */
export function RecordingNotices() {
  const controller = useRecordingController();
  const error = useRecording((s) => s.error);
  return (
    <>
      {error && (
        <div className="message recording-error" role="alert" data-testid="recording-error">
          <span className="message-origin">recording</span>
          <span className="message-text">{error}</span>
          <button type="button" className="message-dismiss" aria-label="dismiss" onClick={() => controller.dismissError()}>
            ✕
          </button>
        </div>
      )}
      <ReplayBanner />
    </>
  );
}
