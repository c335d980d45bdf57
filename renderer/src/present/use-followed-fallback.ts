/**
 * The preview's side of V: while the stage shows a scene's rehearsal recording, the speaker view opens the same
 * file in its own RecordingController (a replay is local to its window: nothing reaches the engine) and keeps it
 * at the stage's place; when the stage goes back to live, or to another scene, so does the preview.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Verdict } from '../../../shared/experiments/types';
import type { Scene } from '../../../shared/present/talk';
import type { RecordingController } from '../recording/recording-controller';
import { replayCorrection, type ReplayPlace } from './preview-follow';
import { openFallback } from './stage-actions';
import { fetchText, type TalkSource } from './talk-source';

/** The recorded verdict of the recording the preview shows (null when live, or a file without one). */
export function useFollowedFallback(source: TalkSource, scene: Scene | undefined, fallback: boolean, stagePlace: ReplayPlace | null, controller: RecordingController): Verdict | null {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const wanted = fallback && scene?.recording ? scene : null;
  const wantedRef = useRef(wanted);
  wantedRef.current = wanted;
  const open = useStore(controller.state, (s) => s.replay?.name ?? null);

  useEffect(() => {
    if (!wanted) {
      if (controller.state.getState().replay) controller.backToLive();
      setVerdict(null);
      return;
    }
    const deps = { controller, recordingUrl: source.recordingUrl, fetchText };
    void openFallback(deps, wanted, () => wantedRef.current === wanted).then((result) => {
      // A file that will not open shows nothing here: the stage says why in its notice, which the preview draws.
      if (result.ok === true) setVerdict(result.verdict);
    });
  }, [wanted, controller, source]);

  const position = stagePlace?.positionMs;
  const playing = stagePlace?.playing;
  useEffect(() => {
    const own = controller.state.getState().replay;
    if (!own || position === undefined || playing === undefined) return;
    const fix = replayCorrection(own, { positionMs: position, playing });
    if (fix.seekTo !== null) controller.seek(fix.seekTo);
    if (fix.play === 'play') controller.play();
    else if (fix.play === 'pause') controller.pause();
  }, [position, playing, open, controller]);

  return verdict;
}
