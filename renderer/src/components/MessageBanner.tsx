/** Rejected commands and engine errors, newest last, each dismissible. */
import { useLabShallow } from '../state/use-lab';

export function MessageBanner() {
  const { messages, dismiss } = useLabShallow((s) => ({ messages: s.messages, dismiss: s.dismiss }));
  if (messages.length === 0) return null;
  return (
    <section className="messages" aria-live="polite" data-testid="error-banner">
      {messages.map((message) => (
        <div key={message.id} className={`message message-${message.origin}`} data-testid="error-message" data-origin={message.origin}>
          <span className="message-origin">{message.origin === 'command' ? 'rejected' : message.origin}</span>
          <span className="message-text">{message.text}</span>
          {message.count > 1 && <span className="message-count">×{message.count}</span>}
          <button type="button" className="message-dismiss" aria-label="dismiss" onClick={() => dismiss(message.id)}>
            ✕
          </button>
        </div>
      ))}
    </section>
  );
}
