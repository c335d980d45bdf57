/**
 * The stage: the current scene's title and claim in large type, its charts and its verdict, no control bar.
 * It owns the deck (deck.ts), answers the presenter keys (key-map.ts) and publishes the deck to the speaker
 * view over BroadcastChannel (deck-sync.ts), taking the speaker view's keys back the same way.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Verdict } from '../../../shared/experiments/types';
import type { RecordingController } from '../recording/recording-controller';
import { OUTCOME_WORDS } from '../experiments/experiment-run';
import type { LabStore } from '../state/store-types';
import { LabStoreContext } from '../state/use-lab';
import { clock, initialDeck, moveDeck, type Deck, type DeckMove } from './deck';
import { openDeckLink, type DeckLink } from './deck-sync';
import { HelpOverlay } from './HelpOverlay';
import { presenterAction, type PresenterAction } from './key-map';
import { useNow } from './use-now';
import { recordedVerdictWords } from './recorded-verdict';
import { leaveScene, openFallback, runScene, switchStrategy, toggleFullscreen, togglePause, type StageDeps } from './stage-actions';
import { StageRun } from './StageRun';
import { fetchText, type TalkSource } from './talk-source';

export interface StageProps {
  source: TalkSource;
  live: LabStore;
  controller: RecordingController;
  /** Esc: leave presenter mode for the lab. */
  onLeave(): void;
  /** S: open the speaker view (a tab in browser mode); says why not when it cannot. */
  onSpeaker(): string | null;
}

function Timer({ deck }: { deck: Deck }) {
  const now = useNow(1000);
  return (
    <p className="stage-timer" data-testid="stage-timer">
      {clock(deck.talkStartedAt === null ? 0 : now - deck.talkStartedAt)} · scene {clock(now - deck.sceneStartedAt)}
    </p>
  );
}

/** `#scene=3` (1-based) in the address: a reload, or a link, comes back to that scene. */
function sceneFromHash(): number {
  const match = /^#scene=(\d+)$/.exec(window.location.hash);
  return match ? Number(match[1]) - 1 : 0;
}

export function Stage({ source, live, controller, onLeave, onSpeaker }: StageProps) {
  const { talk } = source;
  const [deck, setDeck] = useState(() => initialDeck(talk.scenes.length, Date.now(), sceneFromHash()));
  const [ranHere, setRanHere] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [recordedVerdict, setRecordedVerdict] = useState<Verdict | null>(null);
  const replay = useStore(controller.state, (s) => s.replay);
  const running = useStore(live, (s) => s.running);
  const strategy = useStore(live, (s) => s.config.strategy);
  const outcome = useStore(live, (s) => s.verdictCard?.outcome ?? null);
  const deckRef = useRef(deck);
  deckRef.current = deck;
  const rootRef = useRef<HTMLDivElement>(null);
  const linkRef = useRef<DeckLink | null>(null);
  const scene = talk.scenes[deck.scene] ?? talk.scenes[0]!;
  const deps: StageDeps = useMemo(() => ({ live, controller, recordingUrl: source.recordingUrl, fetchText }), [live, controller, source]);

  const move = useCallback((m: DeckMove) => {
    const before = deckRef.current;
    const after = moveDeck(before, m, Date.now());
    if (after.scene !== before.scene) {
      leaveScene(deps);
      setRanHere(false);
      setNotice(null);
    }
    deckRef.current = after;
    setDeck(after);
  }, [deps]);

  const act = useCallback(
    (action: PresenterAction) => {
      const current = deckRef.current;
      const sceneNow = talk.scenes[current.scene]!;
      const say = (result: Promise<string | null>) => void result.then((text) => setNotice(text));
      switch (action.kind) {
        case 'next':
        case 'previous':
          return move(action.kind);
        case 'blank':
        case 'timer':
        case 'help':
          return move(action.kind);
        case 'run':
          setRanHere(true);
          move('start-clock');
          return say(runScene(deps, sceneNow, current.fallback));
        case 'strategy':
          return say(switchStrategy(deps, action.strategy, current.fallback));
        case 'pause':
          return togglePause(deps, current.fallback);
        case 'fullscreen':
          return rootRef.current ? say(toggleFullscreen(rootRef.current)) : undefined;
        case 'fallback':
          if (current.fallback) {
            controller.backToLive();
            setNotice(null);
            return move('fallback');
          }
          return void openFallback(deps, sceneNow).then((result) => {
            if (!result.ok) return setNotice(result.error);
            setNotice(null);
            setRecordedVerdict(result.verdict);
            // The scene may have changed while the file loaded: then the replay is not this scene's.
            if (deckRef.current.scene !== current.scene) return controller.backToLive();
            move('fallback');
          });
        case 'speaker':
          return setNotice(onSpeaker());
        case 'leave':
          if (current.help) return move('close-help');
          if (current.blank) return move('blank');
          leaveScene(deps);
          return onLeave();
      }
    },
    [talk, deps, controller, move, onLeave, onSpeaker],
  );

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.repeat) return;
      const action = presenterAction(event);
      if (!action) return;
      event.preventDefault();
      act(action);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [act]);

  // On the fallback the speaker view reads the recording's verdict, as the stage does, not the live run's.
  const status = { running, strategy, verdict: replay ? recordedVerdictWords(recordedVerdict) : outcome === null ? null : OUTCOME_WORDS[outcome] };
  const statusRef = useRef(status);
  statusRef.current = status;
  useEffect(() => {
    const link = openDeckLink(source.id, (message) => {
      if (message.type === 'hello') link.send({ type: 'deck', talk: source.id, deck: deckRef.current, status: statusRef.current });
      else if (message.type === 'action') act(message.action);
    });
    linkRef.current = link;
    return () => {
      linkRef.current = null;
      link.close();
    };
  }, [source.id, act]);
  useEffect(() => {
    linkRef.current?.send({ type: 'deck', talk: source.id, deck, status });
  }, [deck, status.running, status.strategy, status.verdict, source.id]);

  useEffect(() => {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#scene=${deck.scene + 1}`);
  }, [deck.scene]);

  const hasRun = scene.experiment !== null || scene.setup !== null;
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
