/**
 * The speaker view (a second tab in browser mode, a second window in the desktop app): a live preview of the stage
 * (StagePreview.tsx), the scene's notes, the next scene, the talk's elapsed time and the scene's against its
 * plan, and what the stage's run is doing. It mirrors the stage's deck over BroadcastChannel and sends its own
 * keys back, so a clicker works whichever window has the focus; it never runs or stops anything itself.
 */
import { useEffect, useRef, useState } from 'react';
import type { Talk } from '../../../shared/present/talk';
import type { RecordingController } from '../recording/recording-controller';
import type { LabStore } from '../state/store-types';
import { clock, type Deck } from './deck';
import { openDeckLink, type DeckLink, type StageStatus } from './deck-sync';
import { presenterAction } from './key-map';
import { StagePreview } from './StagePreview';
import type { TalkSource } from './talk-source';
import { useNow } from './use-now';
import './speaker.css';

function plannedMinutes(talk: Talk): number {
  return talk.scenes.reduce((sum, scene) => sum + (scene.minutes ?? 0), 0);
}

export interface SpeakerViewProps {
  source: TalkSource;
  /** This window's live store and recordings: the preview reads them, nothing else does. */
  live: LabStore;
  controller: RecordingController;
}

export function SpeakerView({ source, live, controller }: SpeakerViewProps) {
  const { id: talkId, talk } = source;
  const [stage, setStage] = useState<{ deck: Deck; status: StageStatus } | null>(null);
  const linkRef = useRef<DeckLink | null>(null);
  const now = useNow(1000);

  useEffect(() => {
    const link = openDeckLink(talkId, (message) => {
      if (message.type === 'deck') setStage({ deck: message.deck, status: message.status });
    });
    linkRef.current = link;
    link.send({ type: 'hello', talk: talkId });
    return () => {
      linkRef.current = null;
      link.close();
    };
  }, [talkId]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const action = presenterAction(event);
      // Full screen, the speaker view and leaving concern this window, not the stage.
      if (!action || event.repeat || action.kind === 'speaker' || action.kind === 'leave' || action.kind === 'fullscreen') return;
      event.preventDefault();
      linkRef.current?.send({ type: 'action', talk: talkId, action });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [talkId]);

  useEffect(() => {
    document.title = `Speaker view · ${talk.title}`;
  }, [talk.title]);

  if (!stage) {
    return (
      <div className="speaker" data-testid="speaker" data-scene="">
        <p className="speaker-waiting">Waiting for the stage: open presenter mode in another tab or window of this lab.</p>
      </div>
    );
  }
  const { deck, status } = stage;
  const scene = talk.scenes[deck.scene];
  const next = talk.scenes[deck.scene + 1];
  const sceneMs = now - deck.sceneStartedAt;
  const over = scene?.minutes != null && sceneMs > scene.minutes * 60_000;
  return (
    <div className="speaker" data-testid="speaker" data-scene={deck.scene}>
      <header className="speaker-clocks">
        <span data-testid="speaker-elapsed">
          elapsed <strong>{clock(deck.talkStartedAt === null ? 0 : now - deck.talkStartedAt)}</strong> of {plannedMinutes(talk)} min planned
        </span>
        <span className={over ? 'speaker-over' : undefined} data-testid="speaker-scene-time">
          this scene <strong>{clock(sceneMs)}</strong>
          {scene?.minutes != null && ` of ${clock(scene.minutes * 60_000)}`}
        </span>
        <span>
          scene <strong>{deck.scene + 1}</strong> / {deck.sceneCount}
        </span>
      </header>
      <div className="speaker-stage">
        <StagePreview source={source} deck={deck} status={status} live={live} controller={controller} />
        <aside className="speaker-next" data-testid="speaker-next">
          <span className="muted">next</span> {next ? <strong>{next.title}</strong> : 'the end of the talk'}
          {scene?.recording && <p className="muted">V falls back to {scene.recording}</p>}
        </aside>
      </div>
      <section className="speaker-now">
        <h1 data-testid="speaker-title">{scene?.title}</h1>
        <p className="speaker-state" data-testid="speaker-state">
          {deck.fallback ? 'showing the RECORDING' : status.running ? `running ${status.strategy}` : 'not running'}
          {status.verdict && ` · verdict: ${status.verdict}`}
          {deck.blank && ' · screen blanked'}
        </p>
        <div className="speaker-notes" data-testid="speaker-notes">
          {scene?.notes || <span className="muted">No notes for this scene.</span>}
        </div>
      </section>
    </div>
  );
}
