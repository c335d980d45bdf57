/** Title, host heartbeat, and the view controls (pause, theme), which never touch the engine. */
import { PresentButton } from '../present/PresentButton';
import { useLabShallow } from '../state/use-lab';
import { HeartbeatBadge } from './HeartbeatBadge';

export function Header() {
  const { paused, setPaused, theme, setTheme } = useLabShallow((s) => ({
    paused: s.paused,
    setPaused: s.setPaused,
    theme: s.theme,
    setTheme: s.setTheme,
  }));
  return (
    <header className="header">
      <h1 className="title">
        Node Concurrency Lab
      </h1>
      <HeartbeatBadge />
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
