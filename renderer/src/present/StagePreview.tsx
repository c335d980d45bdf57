/**
 * The speaker view's live preview of the stage: the scene the room sees, drawn by the same StageScene from the deck
 * the stage publishes, at the stage's screen size and scaled down to fit (as reveal.js's speaker view shows its
 * deck, in a passive mode that follows and never leads). It is passive by construction: it reads this window's
 * live store, which the engine already feeds with the same ticks and events as the stage's (every window of the
 * lab is sent every message), so it starts no run and adds no work to the engine; it has no keys and sends
 * nothing; on the fallback it replays its own copy of the recording, kept at the stage's place.
 *
 * Not an iframe of the stage: in the desktop app a subframe gets no preload (nodeIntegrationInSubFrames is off),
 * so it could not reach the engine, and a second copy of the whole page would cost more than drawing one scene.
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { RecordingController } from '../recording/recording-controller';
import type { LabStore } from '../state/store-types';
import type { Deck } from './deck';
import type { StageStatus } from './deck-sync';
import { previewScale } from './preview-follow';
import { StageFrame } from './stage-frame';
import { StageScene } from './StageScene';
import type { TalkSource } from './talk-source';
import { useElementSize } from './use-element-size';
import { useFollowedFallback } from './use-followed-fallback';

export interface StagePreviewProps {
  source: TalkSource;
  deck: Deck;
  status: StageStatus;
  /** This window's live store: read only. */
  live: LabStore;
  /** This window's recordings: the preview's own replay of the stage's fallback. */
  controller: RecordingController;
}

export function StagePreview({ source, deck, status, live, controller }: StagePreviewProps) {
  const box = useRef<HTMLDivElement>(null);
  const scale = previewScale(useElementSize(box), status.viewport);
  const scene = source.talk.scenes[deck.scene];
  const recordedVerdict = useFollowedFallback(source, scene, deck.fallback, status.replay, controller);
  const replay = useStore(controller.state, (s) => s.replay);

  // P on the stage holds its charts still; the preview holds this window's view with it (a view setting only).
  useEffect(() => {
    if (live.getState().paused !== status.paused) live.getState().setPaused(status.paused);
  }, [live, status.paused]);

  const { width, height } = status.viewport;
  return (
    <div ref={box} className="speaker-preview" style={{ aspectRatio: `${width} / ${height}` }} data-testid="speaker-preview" data-scene={deck.scene} data-scale={scale.toFixed(3)}>
      {/* inert: a picture of the stage, out of the Tab order and the accessibility tree (the notes say it in words). */}
      <div className="speaker-preview-fit" style={{ width: width * scale, height: height * scale }} inert>
        <div className="speaker-preview-stage" style={{ width, height, transform: `scale(${scale})` }}>
          <StageFrame height={height} box={status.viewport}>
            <StageScene talk={source.talk} deck={deck} ranHere={status.ranHere} notice={status.notice} live={live} replay={deck.fallback ? replay : null} recordedVerdict={recordedVerdict} />
          </StageFrame>
        </div>
      </div>
    </div>
  );
}
