/**
 * The stage: the current scene's title and claim in large type, its charts and its verdict, no control bar.
 * It owns the deck (deck.ts), answers the presenter keys (key-map.ts) and publishes the deck to the speaker
 * view over BroadcastChannel (deck-sync.ts), taking the speaker view's keys back the same way.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Verdict } from '../../../shared/experiments/types';
import type { RecordingController } from '../recording/recording-controller';
import { ATTACHED_LABEL } from '../attach/attach-view';
import { OUTCOME_WORDS } from '../experiments/experiment-run';
import type { LabStore } from '../state/store-types';
import { initialDeck, moveDeck, type DeckMove } from './deck';
import { openDeckLink, type DeckLink, type StageStatus } from './deck-sync';
import { presenterAction, type PresenterAction } from './key-map';
import { recordedVerdictWords } from './recorded-verdict';
import { leaveScene, openFallback, runScene, switchStrategy, toggleFullscreen, togglePause, type StageDeps } from './stage-actions';
import { StageFrame } from './stage-frame';
import { StageScene } from './StageScene';
import { fetchText, type TalkSource } from './talk-source';
import { useViewportSize } from './use-viewport';

export interface StageProps {
  source: TalkSource;
  live: LabStore;
  controller: RecordingController;
  /** Esc: leave presenter mode for the lab. */
  onLeave(): void;
  /** S: open the speaker view (a tab in browser mode); says why not when it cannot. */
  onSpeaker(): string | null;
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
  // An attached app has no strategy of the lab's: the speaker view says what runs instead.
  const strategy = useStore(live, (s) => (s.attachedRun !== null && s.running ? ATTACHED_LABEL : s.config.strategy));
  const outcome = useStore(live, (s) => s.verdictCard?.outcome ?? null);
  const paused = useStore(live, (s) => s.paused);
  const viewport = useViewportSize();
  const deckRef = useRef(deck);
  deckRef.current = deck;
  const rootRef = useRef<HTMLDivElement>(null);
  const linkRef = useRef<DeckLink | null>(null);
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
          // The scene may change while the file loads: then the recording is not this scene's and is not opened.
          return void openFallback(deps, sceneNow, () => deckRef.current.scene === current.scene).then((result) => {
            if (result.ok === 'superseded') return;
            if (!result.ok) return setNotice(result.error);
            setNotice(null);
            setRecordedVerdict(result.verdict);
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
  const status: StageStatus = {
    running,
    strategy,
    verdict: replay ? recordedVerdictWords(recordedVerdict) : outcome === null ? null : OUTCOME_WORDS[outcome],
    ranHere,
    paused,
    notice,
    replay: replay ? { positionMs: replay.positionMs, playing: replay.playing } : null,
    viewport,
  };
  const statusRef = useRef(status);
  statusRef.current = status;
  // The replay moves every 100 ms; the preview plays its own copy and needs the stage's place only to correct
  // drift, so the place goes out when the second changes (and at once on play, pause or a jump of seconds).
  const replaySecond = replay ? Math.floor(replay.positionMs / 1000) : null;
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
    linkRef.current?.send({ type: 'deck', talk: source.id, deck, status: statusRef.current });
  }, [deck, running, strategy, status.verdict, ranHere, paused, notice, replaySecond, status.replay?.playing, viewport, source.id]);

  useEffect(() => {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#scene=${deck.scene + 1}`);
  }, [deck.scene]);

  return (
    <StageFrame height={viewport.height}>
      <StageScene talk={talk} deck={deck} ranHere={ranHere} notice={notice} live={live} replay={replay} recordedVerdict={recordedVerdict} rootRef={rootRef} />
    </StageFrame>
  );
}
