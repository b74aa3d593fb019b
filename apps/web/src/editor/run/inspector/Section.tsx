import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton.tsx';
import { JsonTree } from './JsonTree.tsx';

/** One titled part of the inspector; with `json`, the value as a tree and a copy button for all of it. */
export function Section({ title, json, children }: { title: string; json?: unknown; children?: ReactNode }) {
  return (
    <section className="inspector-section" aria-label={title}>
      <header className="inspector-section-head">
        <h3>{title}</h3>
        {json !== undefined && <CopyButton text={() => JSON.stringify(json, null, 2)} label={`Copy ${title}`} />}
      </header>
      {json !== undefined && <JsonTree value={json} label={title} />}
      {children}
    </section>
  );
}

/** A label and a value on one line, with a copy button for the value. */
export function Field({ label, value, mono = true }: { label: string; value: string | null; mono?: boolean }) {
  return (
    <div className="inspector-field">
      <span className="muted">{label}</span>
      <span className={mono ? 'mono' : ''} data-field={label}>
        {value ?? '—'}
      </span>
      {value !== null && <CopyButton text={() => value} label={`Copy ${label}`} />}
    </div>
  );
}
