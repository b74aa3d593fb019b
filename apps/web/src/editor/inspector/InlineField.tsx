import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: string;
  mono?: boolean;
  /** Shown while the field is empty, e.g. the value an empty field means. */
  placeholder?: string;
  /** Returns why the value was refused, or null when it was applied. */
  onCommit: (next: string) => string | null;
}

/** A text field that applies on Enter or blur, reverts on Escape, and shows why a value was refused. */
export function InlineField({ label, value, mono, placeholder, onCommit }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(value), [value]);

  const commit = () => {
    const next = draft.trim();
    if (next === value) return setProblem(null);
    const refusal = onCommit(next);
    setProblem(refusal);
  };

  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={mono ? 'input mono' : 'input'}
        value={draft}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(value);
            setProblem(null);
          }
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
