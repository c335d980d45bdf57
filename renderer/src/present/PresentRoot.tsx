/**
 * Presenter mode, once PresentGate saw `?present=ID` (`&view=speaker` for the speaker view): loads the talk,
 * puts the page in the projector theme and shows the stage or the speaker view.
 */
import { useEffect, useState } from 'react';
import { presentQuery } from '../../../shared/present/addresses';
import type { RecordingController } from '../recording/recording-controller';
import type { LabStore } from '../state/store-types';
import { SpeakerView } from './SpeakerView';
import { Stage } from './Stage';
import { fetchText, loadTalk, type TalkLoad } from './talk-source';
import './present.css';

export interface PresentRootProps {
  talkId: string;
  speaker: boolean;
  live: LabStore;
  controller: RecordingController;
  /** Esc on the stage: back to the lab. */
  onLeave(): void;
}


export function PresentRoot({ talkId, speaker, live, controller, onLeave }: PresentRootProps) {
  const [load, setLoad] = useState<TalkLoad | null>(null);
  useEffect(() => {
    let current = true;
    void loadTalk(talkId, fetchText).then((result) => current && setLoad(result));
    return () => {
      current = false;
    };
  }, [talkId]);
  useEffect(() => {
    const html = document.documentElement;
    // The projector theme is dark: the charts' palette follows the store's theme, so it is set there too, and
    // the user's own theme comes back when presenter mode is left.
    const before = live.getState().theme;
    live.getState().setTheme('dark');
    html.dataset.theme = 'dark';
    html.dataset.present = speaker ? 'speaker' : 'stage';
    return () => {
      delete html.dataset.present;
      live.getState().setTheme(before);
      html.dataset.theme = before;
    };
  }, [speaker, live]);

  if (!load) return <p className="present-loading">Loading the talk…</p>;
  if (!load.ok) {
    return (
      <div className="present-error" data-testid="present-error" role="alert">
        <h1>This talk cannot be presented</h1>
        <pre>{load.error}</pre>
      </div>
    );
  }
  if (speaker) return <SpeakerView source={load.source} live={live} controller={controller} />;
  const openSpeaker = (): string | null => {
    // In the desktop app the window-open handler denies this: main opens the speaker window itself.
    const opened = window.open(presentQuery(load.source.id, true), 'nclab-speaker');
    return opened ? null : 'the speaker view could not open here: start with --present, which opens it beside the stage';
  };
  return <Stage source={load.source} live={live} controller={controller} onLeave={onLeave} onSpeaker={openSpeaker} />;
}
