import { useState } from 'react';

/** Copies the current address: it holds the view, filters, settings and toggles. */
export function CopyLinkButton() {
  const [state, setState] = useState<'idle' | 'copied' | { fallback: string }>('idle');
  const copy = async () => {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
      setTimeout(() => setState('idle'), 2500);
    } catch {
      // No clipboard permission (e.g. an insecure origin): show the link to copy by hand.
      setState({ fallback: url });
    }
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()}>Copy link</button>
      <span role="status" aria-live="polite">{state === 'copied' ? 'Link copied: it restores this view.' : ''}</span>
      {typeof state === 'object' && (
        <label>
          Copy this link: <input readOnly value={state.fallback} onFocus={(e) => e.target.select()} size={40} />
        </label>
      )}
    </span>
  );
}
