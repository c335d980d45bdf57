/**
 * The panel beside the picture: settings, experiments, the advisor or attach, one at a time (side-panel.ts). Sticky at the
 * top of the window, scrolling on its own, so it never pushes the picture down; closed, the picture has the whole
 * width. (A comparison of two recordings is not here: it needs the width, and has the top of the picture column.)
 */
import { useEffect } from 'react';
import { AdvisorPanel } from '../advisor/AdvisorPanel';
import { AttachPanel } from '../attach/AttachPanel';
import { ExperimentsPanel } from '../experiments/ExperimentsPanel';
import { useLab } from '../state/use-lab';
import { SettingsPanel } from './SettingsPanel';
import { useSidePanel, type SidePanelId } from './side-panel';

const TITLES: Readonly<Record<SidePanelId, string>> = {
  settings: 'Settings',
  experiments: 'Experiments',
  advisor: 'Advisor',
  attach: 'Attach to your app',
};

/** Whether the side column shows: a panel is open. */
export function useSideShown(): boolean {
  return useSidePanel().open !== null;
}

export function SidePanel() {
  const panel = useSidePanel();
  const selected = useLab((s) => s.selectedExperiment);
  // An experiment chosen from outside the panel (the address, a run joined): show it.
  useEffect(() => {
    if (selected !== null) panel.show('experiments');
    // Only a new choice opens it (`panel` left out on purpose): closing the panel must not reopen it.
  }, [selected]);
  // An attached run that starts (here, from the CLI, or in a recording) shows its processes and its command.
  const attachedLive = useLab((s) => s.running && s.attachedRun !== null);
  useEffect(() => {
    if (attachedLive) panel.show('attach');
  }, [attachedLive]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && panel.open !== null) panel.close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel]);
  if (panel.open === null) return null;
  return (
    <aside className="side-panel panel" id="side-panel" aria-label={TITLES[panel.open]} data-testid="side-panel" data-open={panel.open}>
      <div className="side-head">
        <h2 className="section-title">{TITLES[panel.open]}</h2>
        <button type="button" className="ghost-button side-close" aria-label={`close ${TITLES[panel.open]}`} data-testid="side-close" onClick={() => panel.close()}>
          ✕
        </button>
      </div>
      {panel.open === 'settings' && <SettingsPanel />}
      {panel.open === 'experiments' && <ExperimentsPanel />}
      {panel.open === 'advisor' && <AdvisorPanel />}
      {panel.open === 'attach' && <AttachPanel />}
    </aside>
  );
}
