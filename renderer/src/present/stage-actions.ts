/**
 * What a presenter action does to the lab: runs go to the LIVE store (never the replay's, which controls
 * nothing), the recorded fallback goes through the window's RecordingController (the same replay as
 * "Open recording…"), and leaving a scene stops its run and its replay so the next scene starts from rest (for
 * an attach scene, Stop ends the app's whole process group, as the Attach panel's Stop does).
 * Returns a sentence for the stage when an action cannot be done, so nothing fails silently on a projector.
 */
import type { AttachRequest } from '../../../shared/command-requests';
import type { Verdict } from '../../../shared/experiments/types';
import type { Scene, SceneAttach } from '../../../shared/present/talk';
import { parseRecording } from '../../../shared/recording/parse';
import type { RecordingController } from '../recording/recording-controller';
import type { LabStore } from '../state/store-types';
import type { StrategyName } from '../../../shared/constants';
import type { CommandResult } from '../../../shared/lab-api';

export interface StageDeps {
  live: LabStore;
  controller: RecordingController;
  recordingUrl(name: string): string;
  fetchText(url: string): Promise<{ ok: boolean; status: number; text: string }>;
}

function failure(result: { ok: boolean; errors?: ReadonlyArray<{ field: string; message: string }> }): string | null {
  return result.ok ? null : (result.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ') || 'the lab refused';
}

/** The `attach` command an attach scene sends: the one the Attach panel sends, the folder left out for the lab's own. */
export function attachRequest(attach: SceneAttach): AttachRequest {
  return { command: [...attach.command], ...(attach.cwd === null ? {} : { cwd: attach.cwd }) };
}

/**
 * Why the app was not started, for the stage: the host's own words (browser mode's refusal names --allow-attach),
 * a folder's problem named as the folder's, and where a rehearsal recording exists, that V shows it.
 */
export function attachFailure(result: CommandResult, scene: Pick<Scene, 'recording'>): string | null {
  if (result.ok) return null;
  const reasons = result.errors.map((e) => (e.field === 'cwd' ? `the folder ${e.message}` : e.message)).join('; ') || 'the lab refused';
  return `Not attached: ${reasons}${scene.recording ? ' · V shows the rehearsal recording' : ''}`;
}

/** R: runs the scene (an experiment, its free setup, or the app it attaches to), or restarts it; on the fallback, replays from the start. */
export async function runScene(deps: StageDeps, scene: Scene, fallback: boolean): Promise<string | null> {
  if (fallback) {
    const replay = deps.controller.state.getState().replay;
    if (replay) {
      deps.controller.seek(replay.startMs);
      deps.controller.play();
    }
    return null;
  }
  const lab = deps.live.getState();
  if (lab.paused) lab.setPaused(false);
  if (scene.experiment) return failure(await lab.runExperiment(scene.experiment.id));
  if (scene.setup) {
    if (lab.running) {
      const stopped = failure(await lab.stop());
      if (stopped) return stopped;
    }
    return failure(await lab.start(scene.setup));
  }
  if (scene.attach) {
    // R again restarts the app: the one going on ends first (Stop), as a setup's run does.
    if (lab.running) {
      const stopped = failure(await lab.stop());
      if (stopped) return stopped;
    }
    return attachFailure(await lab.attach(attachRequest(scene.attach)), scene);
  }
  return 'this scene has nothing to run';
}

/** 1..6: switches the live run's strategy. */
export async function switchStrategy(deps: StageDeps, strategy: StrategyName, fallback: boolean): Promise<string | null> {
  if (fallback) return 'the recording is showing: press V for live, then switch';
  if (deps.live.getState().attachedRun && deps.live.getState().running) return 'the attached app decides how its work runs: there is no strategy to switch';
  return failure(await deps.live.getState().configure({ strategy }));
}

/** P: pauses the view (live) or the replay (fallback). */
export function togglePause(deps: StageDeps, fallback: boolean): void {
  if (fallback) {
    const replay = deps.controller.state.getState().replay;
    if (replay?.playing) deps.controller.pause();
    else deps.controller.play();
    return;
  }
  const lab = deps.live.getState();
  lab.setPaused(!lab.paused);
}

/** What opening a recording needs: no live store, so the speaker view's preview can open one and run nothing. */
export type FallbackDeps = Pick<StageDeps, 'controller' | 'recordingUrl' | 'fetchText'>;

/** What V did: the recording is open (with its recorded verdict, if any), it could not be, or it was no longer wanted. */
export type FallbackResult = { ok: true; verdict: Verdict | null } | { ok: false; error: string } | { ok: 'superseded' };

/**
 * V: opens the scene's rehearsal recording in place of the live run, with the verdict it recorded. `stillWanted`
 * is asked once the file has loaded: the scene may have changed meanwhile, and then nothing is opened.
 */
export async function openFallback(deps: FallbackDeps, scene: Scene, stillWanted: () => boolean = () => true): Promise<FallbackResult> {
  if (!scene.recording) return { ok: false, error: 'this scene has no recording to fall back on' };
  let response: { ok: boolean; status: number; text: string };
  try {
    response = await deps.fetchText(deps.recordingUrl(scene.recording));
  } catch (error) {
    return { ok: false, error: `${scene.recording}: could not be loaded (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!stillWanted()) return { ok: 'superseded' };
  if (!response.ok) return { ok: false, error: `${scene.recording}: not found (${response.status})` };
  if (!deps.controller.openText(response.text, scene.recording)) {
    return { ok: false, error: deps.controller.state.getState().error ?? `${scene.recording}: could not be opened` };
  }
  // The controller keeps its parsed recording to itself; the verdict line is read again (a small file).
  const parsed = parseRecording(response.text, scene.recording);
  return { ok: true, verdict: parsed.ok ? parsed.recording.verdict : null };
}

/** Leaving a scene: back to live, and the live run stopped so the next scene starts from rest. */
export function leaveScene(deps: StageDeps): void {
  if (deps.controller.state.getState().replay) deps.controller.backToLive();
  const lab = deps.live.getState();
  if (lab.running) void lab.stop();
  if (lab.paused) lab.setPaused(false);
}

/** F: full screen on and off (refused without a user gesture, said in words). */
export function toggleFullscreen(root: HTMLElement): Promise<string | null> {
  const request = document.fullscreenElement ? document.exitFullscreen() : root.requestFullscreen();
  return request.then(
    () => null,
    (error: unknown) => `full screen was refused (${error instanceof Error ? error.message : String(error)})`,
  );
}
