/** The header's way into presenter mode: the shipped talk on the stage (Esc comes back). */
import { enterPresenter } from './PresentGate';

export function PresentButton() {
  return (
    <button type="button" className="ghost-button" data-testid="present-open" onClick={() => enterPresenter()} title="Present the shipped talk: one scene per experiment, keys on ?">
      ▶ Present
    </button>
  );
}
