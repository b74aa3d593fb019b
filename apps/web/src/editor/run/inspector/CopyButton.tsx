import { useState, type MouseEvent } from 'react';
import { Icon } from '../../../shared/Icon.tsx';

/** Copies `text` (computed on click, so large values are stringified only when asked). */
export function CopyButton({ text, label }: { text: () => string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = (event: MouseEvent) => {
    // Inside a <summary>: copying must not fold the node.
    event.preventDefault();
    event.stopPropagation();
    void navigator.clipboard
      ?.writeText(text())
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1200);
      })
      .catch(() => undefined);
  };
  return (
    <button type="button" className="icon-btn icon-btn-sm copy-btn" aria-label={label} title={label} onClick={copy}>
      <Icon name={copied ? 'check' : 'copy'} size={12} />
    </button>
  );
}
