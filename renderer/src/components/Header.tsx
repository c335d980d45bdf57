/**
 * Title, host heartbeat, the panels that open beside the picture (experiments, advisor, attach), the recordings (save,
 * open, compare), and the view controls (present, pause, theme), which never touch the engine.
 */
import { PresentButton } from '../present/PresentButton';
import { RecordingBar } from '../recording/RecordingBar';
import { useLabShallow } from '../state/use-lab';
import { HeartbeatBadge } from './HeartbeatBadge';
import { useSidePanel, type SidePanelId } from './side-panel';

function PanelButton({ id, label, title }: { id: SidePanelId; label: string; title: string }) {
  const panel = useSidePanel();
  const open = panel.open === id;
  return (
    <button type="button" className="ghost-button panel-button" aria-expanded={open} aria-controls="side-panel" data-testid={`${id}-toggle`} title={title} onClick={() => panel.toggle(id)}>
      {label} <span aria-hidden="true">{open ? '◂' : '▸'}</span>
    </button>
  );
}

export function Header() {
  const { paused, setPaused, theme, setTheme } = useLabShallow((s) => ({
    paused: s.paused,
    setPaused: s.setPaused,
    theme: s.theme,
    setTheme: s.setTheme,
  }));
  return (
    <header className="header">
      <h1 className="title">Node Concurrency Lab</h1>
      <HeartbeatBadge />
      <nav className="header-panels" aria-label="panels">
        <PanelButton id="experiments" label="Experiments" title="Guided, self-checking scenes: a claim, a plan, a verdict" />
        <PanelButton id="advisor" label="Advisor" title="Which strategy for this workload? Measured, not guessed" />
        <PanelButton id="attach" label="Attach" title="Run your own Node.js app with the lab's agent, and watch its processes and threads" />
      </nav>
      <RecordingBar />
      <div className="header-actions">
        <PresentButton />
        <button
          type="button"
          className="ghost-button"
          data-testid="pause-toggle"
          aria-pressed={paused}
          onClick={() => setPaused(!paused)}
          title="Freeze the charts; data keeps arriving"
        >
          {paused ? '▶ Resume view' : '❚❚ Pause view'}
        </button>
        <button
          type="button"
          className="ghost-button"
          data-testid="theme-toggle"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          title="Switch between light and dark"
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </div>
    </header>
  );
}
