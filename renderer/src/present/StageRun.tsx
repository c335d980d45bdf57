/**
 * The run part of a scene on stage: a status line (the segment running and the strategy, or what to press; for
 * an attach scene the app's command, its processes and requests a second, how it ended), the scene's charts and
 * the verdict once it comes. Reads whichever store the stage gives it: the live run, or the rehearsal recording
 * when the speaker fell back to it (then marked RECORDED, with when and on which machine).
 */
import type { Verdict } from '../../../shared/experiments/types';
import type { Scene, SceneAttach } from '../../../shared/present/talk';
import { joinCommandLine } from '../attach/argv';
import { exitSentence } from '../attach/attach-view';
import { formatRate } from '../state/format';
import { OUTCOME_WORDS, segmentAt, type Outcome } from '../experiments/experiment-run';
import { useLab } from '../state/use-lab';
import type { ReplayView } from '../recording/recording-controller';
import { CHART_WORDS } from '../experiments/words';
import { NO_RECORDED_VERDICT, recordedVerdictLine } from './recorded-verdict';
import { StageCharts } from './StageCharts';
import { stageWatch } from './stage-watch';

function seconds(ms: number): string {
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

/** An attach scene's line: the command before R; then the app's processes, its requests a second and the time; then how it ended. */
function AttachStatusLine({ attach, shown }: { attach: SceneAttach; shown: boolean }) {
  const running = useLab((s) => s.running);
  const paused = useLab((s) => s.paused);
  const exit = useLab((s) => s.attachedRun?.exit ?? null);
  const app = useLab((s) => s.latest?.app ?? null);
  const tMs = useLab((s) => s.latest?.t ?? 0);
  const command = joinCommandLine([...attach.command]);
  if (!shown) {
    return (
      <p className="stage-status" data-testid="stage-status" data-state="ready">
        Press R to start <code className="stage-attach-command">{command}</code>
      </p>
    );
  }
  const alive = app?.processes.filter((p) => !p.exit) ?? [];
  // The pids of the app's processes in the newest tick: what a test (or a curious speaker) checks are gone after Stop.
  const pids = (app?.processes ?? []).map((p) => p.pid).join(' ');
  return (
    <p className="stage-status" data-testid="stage-status" data-state={running ? 'running' : 'ended'} data-pids={pids} data-processes={alive.length}>
      {running ? (
        <>
          {/* The figures first: on a narrow screen the line is cut at its end, and the command was shown before R. */}
          attached · <strong>{alive.length}</strong> process{alive.length === 1 ? '' : 'es'}
          {app?.http && <> · <strong>{formatRate(app.http.perSecond, 'req/s')}</strong></>} · {seconds(tMs)} · <code className="stage-attach-command">{command}</code>
        </>
      ) : exit ? (
        exitSentence(exit)
      ) : (
        'finished'
      )}
      {paused && <span className="stage-paused"> · paused</span>}
    </p>
  );
}

function StatusLine({ scene, shown }: { scene: Scene; shown: boolean }) {
  const active = useLab((s) => s.activeExperiment);
  const running = useLab((s) => s.running);
  const paused = useLab((s) => s.paused);
  const strategy = useLab((s) => s.config.strategy);
  const tMs = useLab((s) => s.latest?.t ?? 0);
  if (!shown) {
    const length = scene.experiment ? ` (${scene.experiment.durationS} s)` : '';
    return <p className="stage-status" data-testid="stage-status" data-state="ready">Press R to run{length}</p>;
  }
  const index = active && running ? segmentAt(active.segments, tMs) : null;
  const segment = index === null || !active ? null : active.segments[index];
  return (
    <p className="stage-status" data-testid="stage-status" data-state={running ? 'running' : 'ended'}>
      {segment ? (
        <>
          now <strong>{segment.label}</strong> · {seconds(tMs)} of {seconds(active?.endMs ?? 0)}
        </>
      ) : running ? (
        <>
          running <strong>{strategy}</strong> · {seconds(tMs)}
        </>
      ) : (
        'finished'
      )}
      {paused && <span className="stage-paused"> · paused</span>}
    </p>
  );
}

/**
 * A recording made by the CLI carries its experiment in the header, not as a replayed event, so on the
 * fallback the segment is read from the header's plan and the replay's position.
 */
function RecordedStatus({ replay }: { replay: ReplayView }) {
  const segments = replay.header.experiment?.segments ?? [];
  const endMs = (replay.header.experiment?.durationS ?? 0) * 1000 || replay.endMs;
  const t = replay.positionMs;
  const segment = t < endMs ? segments.filter((s) => s.atS * 1000 <= t).at(-1) : undefined;
  return (
    <p className="stage-status" data-testid="stage-status" data-state={replay.playing ? 'replaying' : 'ended'}>
      {segment ? (
        <>
          recorded: <strong>{segment.label}</strong> · {seconds(t)} of {seconds(endMs)}
        </>
      ) : replay.playing ? (
        <>recorded · {seconds(t)}</>
      ) : (
        'recorded · finished (R replays it, V: live)'
      )}
    </p>
  );
}

/**
 * The outcome and the numbers that decided it, on at most two lines (`main thread 96 ms vs worker pool 1.2 ms = 80x ≥ 4x`), as
 * the recorded fallback says its numbers; the rule in words only for a verdict saved before the deciding line.
 */
function VerdictLine({ outcome, deciding, expected }: { outcome: Outcome; deciding: string | null; expected: string | null }) {
  const words = outcome === 'pending' ? null : deciding ?? (expected && `expected: ${expected}`);
  return (
    <section className={`stage-verdict verdict-${outcome}`} data-testid="stage-verdict" data-outcome={outcome} data-stage-panel="verdict" aria-live="polite">
      <span className="stage-verdict-label">Verdict</span> <strong className="stage-verdict-outcome">{OUTCOME_WORDS[outcome]}</strong>
      {words && <span className="stage-verdict-expected" data-testid="stage-verdict-numbers"> · {words}</span>}
    </section>
  );
}

/** The live verdict; its place is kept from the start of the run, so the charts do not jump when it comes. */
function StageVerdict({ scene }: { scene: Scene }) {
  const card = useLab((s) => s.verdictCard);
  if (!scene.experiment) return null;
  const mine = card && card.id === scene.experiment.id ? card : null;
  return <VerdictLine outcome={mine?.outcome ?? 'pending'} deciding={mine?.verdict?.deciding ?? null} expected={mine?.verdict?.expected ?? null} />;
}

/**
 * The recording's own verdict, shown from the moment the fallback opens (recorded-verdict.ts says why), with the
 * numbers it rests on; a recording without one says so.
 */
function RecordedVerdict({ verdict }: { verdict: Verdict | null }) {
  const line = recordedVerdictLine(verdict);
  if (!line) {
    return (
      <section className="stage-verdict verdict-none" data-testid="stage-verdict" data-outcome="none" data-stage-panel="verdict">
        <span className="stage-verdict-label">Verdict at rehearsal:</span> <span className="stage-verdict-expected">{NO_RECORDED_VERDICT}</span>
      </section>
    );
  }
  return (
    // The numbers, not the rule's long expectation (in the tooltip, with every check): two lines at most on stage.
    <section className={`stage-verdict verdict-${line.outcome}`} data-testid="stage-verdict" data-outcome={line.outcome} data-stage-panel="verdict" title={line.why}>
      <span className="stage-verdict-label">Verdict at rehearsal</span> <strong className="stage-verdict-outcome">{OUTCOME_WORDS[line.outcome]}</strong>
      {line.numbers && <span className="stage-verdict-numbers" data-testid="stage-verdict-numbers"> · {line.numbers}</span>}
    </section>
  );
}

/** Whether the store holds this scene's run (and not an earlier scene's or nothing). */
function useSceneShown(scene: Scene, ranHere: boolean, replay: ReplayView | null): boolean {
  const activeId = useLab((s) => s.activeExperiment?.id ?? null);
  // An attach the host refused leaves the stage as it was (its notice says why); an attached run is the scene's.
  const attached = useLab((s) => s.attachedRun !== null);
  if (replay) return true;
  if (scene.attach) return ranHere && attached;
  return scene.experiment ? activeId === scene.experiment.id && ranHere : ranHere;
}

export interface StageRunProps {
  scene: Scene;
  /** R was pressed on this scene (so the live store's run is this scene's). */
  ranHere: boolean;
  /** The rehearsal recording shown instead of the live run, with its verdict. */
  replay: ReplayView | null;
  recordedVerdict: Verdict | null;
  /** Where the talk is, e.g. `2 / 14`. */
  count: string;
}

export function StageRun({ scene, ranHere, replay, recordedVerdict, count }: StageRunProps) {
  const shown = useSceneShown(scene, ranHere, replay);
  const watch = stageWatch(scene);
  return (
    <>
      {/* One line for where the run is, what it is (RECORDED on the fallback) and where the talk is: the charts need the height. */}
      <div className="stage-status-row" data-stage-panel="status">
        {replay && (
          <span className="stage-recorded" data-testid="stage-recorded" title={`${replay.name}: ${replay.header.machine.cpuModel}, Node ${replay.header.machine.node}`}>
            RECORDED {replay.header.startedAt.slice(0, 16).replace('T', ' ')} UTC · {replay.header.machine.cores} cores
          </span>
        )}
        {replay ? <RecordedStatus replay={replay} /> : scene.attach ? <AttachStatusLine attach={scene.attach} shown={shown} /> : <StatusLine scene={scene} shown={shown} />}
        <span className="stage-status-count">{count}</span>
      </div>
      {!shown && watch.length > 0 && (
        <ul className="stage-watch" data-testid="stage-watch" data-stage-panel="watch">
          {watch.map((w) => (
            <li key={`${w.chart}/${w.line}`}>
              <strong>{CHART_WORDS[w.chart]} · {w.line}</strong>: {w.look}
            </li>
          ))}
        </ul>
      )}
      {shown && <StageCharts charts={scene.charts} />}
      {replay ? (recordedVerdict || scene.experiment) && <RecordedVerdict verdict={recordedVerdict} /> : shown && <StageVerdict scene={scene} />}
    </>
  );
}
