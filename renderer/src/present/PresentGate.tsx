/**
 * The one route switch of the page: with `?present=ID` in the address it shows presenter mode, otherwise the
 * lab. Entering (the Present button) and leaving (Esc) change the address with the History API and never
 * navigate, because the desktop app forbids navigation (navigation-guard.ts); Back and Forward work too.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { presentQuery, SHIPPED_TALK_ID } from '../../../shared/present/addresses';
import type { RecordingController } from '../recording/recording-controller';
import type { LabStore } from '../state/store-types';
import { PresentRoot } from './PresentRoot';

const ROUTE_EVENT = 'popstate';

function route(): { talkId: string | null; speaker: boolean } {
  const params = new URLSearchParams(window.location.search);
  return { talkId: params.get('present'), speaker: params.get('view') === 'speaker' };
}

function go(query: string): void {
  window.history.pushState(null, '', query === '' ? window.location.pathname : query);
  window.dispatchEvent(new PopStateEvent(ROUTE_EVENT));
}

/** Opens the shipped talk on the stage, in place. */
export function enterPresenter(talkId = SHIPPED_TALK_ID): void {
  go(presentQuery(talkId));
}

export function PresentGate({ live, controller, children }: { live: LabStore; controller: RecordingController; children: ReactNode }) {
  const [current, setCurrent] = useState(route);
  useEffect(() => {
    const onRoute = () => setCurrent(route());
    window.addEventListener(ROUTE_EVENT, onRoute);
    return () => window.removeEventListener(ROUTE_EVENT, onRoute);
  }, []);
  if (current.talkId === null) return children;
  const leave = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    go('');
  };
  return <PresentRoot key={`${current.talkId}/${current.speaker}`} talkId={current.talkId} speaker={current.speaker} live={live} controller={controller} onLeave={leave} />;
}
