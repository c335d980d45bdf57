/** `?` on the stage: the presenter keys, from the same table the handler answers (key-map.ts). */
import { KEY_HELP } from './key-map';

export function HelpOverlay() {
  return (
    <div className="stage-help" data-testid="stage-help" role="dialog" aria-label="presenter keys">
      <h2>Presenter keys</h2>
      <dl>
        {KEY_HELP.map(([keys, what]) => (
          <div key={keys} className="stage-help-row">
            <dt>{keys}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
