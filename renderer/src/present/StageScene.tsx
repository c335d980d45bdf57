/**
 * What the stage draws for a deck: the scene's title and claim in large type, its run (status, charts, verdict),
 * the notice, the timer, the help and the blank screen. Pure drawing from its props and the store it is given:
 * the stage (Stage.tsx) owns the deck and answers the keys; the speaker view's preview (StagePreview.tsx) draws
 * the same scene from the deck the stage publishes, so the two cannot differ in what they show.
 */
import type { Ref } from 'react';
import type { Verdict } from '../../../shared/experiments/types';
import type { Talk } from '../../../shared/present/talk';
import type { ReplayView } from '../recording/recording-controller';
import type { LabStore } from '../state/store-types';
import { LabStoreContext } from '../state/use-lab';
import { clock, type Deck } from './deck';
import { HelpOverlay } from './HelpOverlay';
import { StageRun } from './StageRun';
import { useNow } from './use-now';

function Timer({ deck }: { deck: Deck }) {
  const now = useNow(1000);
  return (
    <p className="stage-timer" data-testid="stage-timer">
      {clock(deck.talkStartedAt === null ? 0 : now - deck.talkStartedAt)} · scene {clock(now - deck.sceneStartedAt)}
    </p>
  );
}

export interface StageSceneProps {
  talk: Talk;
  deck: Deck;
  /** R was pressed on this scene (so the live store's run is this scene's). */
  ranHere: boolean;
  notice: string | null;
  /** The live run's store. */
  live: LabStore;
  /** The rehearsal recording shown instead of the live run, with its verdict. */
  replay: ReplayView | null;
  recordedVerdict: Verdict | null;
  /** The stage's root element (what F puts in full screen). */
  rootRef?: Ref<HTMLDivElement>;
}

export function StageScene({ talk, deck, ranHere, notice, live, replay, recordedVerdict, rootRef }: StageSceneProps) {
  const scene = talk.scenes[deck.scene] ?? talk.scenes[0]!;
  const hasRun = scene.experiment !== null || scene.setup !== null || scene.attach !== null;
  return (
    <div
      ref={rootRef}
      className={`stage${hasRun ? '' : ' stage-words'}`}
      data-testid="stage"
      data-scene={deck.scene}
      data-source={replay ? 'recording' : 'live'}
      data-stage-panel="stage"
    >
      <header className="stage-head" data-stage-panel="head">
        {!hasRun && (
          <p className="stage-count" data-testid="stage-count">
            {deck.scene + 1} / {talk.scenes.length} · {talk.title}
          </p>
        )}
        <h1 className="stage-title" data-testid="stage-title">
          {scene.title}
        </h1>
        {scene.claim && (
          <p className="stage-claim" data-testid="stage-claim">
            {scene.claim}
          </p>
        )}
      </header>
      {hasRun && (
        <LabStoreContext value={replay?.store ?? live}>
          <StageRun key={replay ? 'recording' : 'live'} scene={scene} ranHere={ranHere} replay={replay} recordedVerdict={recordedVerdict} count={`${deck.scene + 1} / ${talk.scenes.length}`} />
        </LabStoreContext>
      )}
      {notice && (
        <p className="stage-notice" data-testid="stage-notice" role="status">
          {notice}
        </p>
      )}
      {deck.timer && <Timer deck={deck} />}
      {deck.help && <HelpOverlay />}
      {deck.blank && <div className="stage-blank" data-testid="stage-blank" />}
    </div>
  );
}
