/** An experiment's runnable sample: monospace, and a button that copies it (the text stays selectable too). */
import { useState } from 'react';

export function CodeSample({ code }: { code: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    // The clipboard needs a secure context (localhost or https, or the app's own page): say so when it refuses.
    navigator.clipboard?.writeText(code).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    ) ?? setCopied('failed');
  };
  return (
    <div className="code-sample">
      <button type="button" className="ghost-button code-copy" data-testid="code-copy" onClick={copy}>
        {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Select and copy by hand' : 'Copy'}
      </button>
      <pre data-testid="experiment-code">
        <code>{code}</code>
      </pre>
    </div>
  );
}
