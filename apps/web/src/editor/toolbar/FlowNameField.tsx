import { useEffect, useRef, useState } from 'react';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';

/** The flow's display name (flow.json `name`), edited in place. */
export function FlowNameField() {
  const store = useEditorStoreApi();
  const name = useEditor((s) => s.name);
  const [draft, setDraft] = useState(name);
  const cancelled = useRef(false);
  useEffect(() => setDraft(name), [name]);

  const commit = (value: string) => {
    const next = value.trim().slice(0, 200);
    if (!cancelled.current && next && next !== name) store.getState().setName(next);
    else setDraft(name);
    cancelled.current = false;
  };

  return (
    <input
      className="flow-name-input"
      value={draft}
      aria-label="Flow name"
      size={Math.max(8, Math.min(40, draft.length + 1))}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={(e) => commit(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          cancelled.current = true;
          e.currentTarget.blur();
        }
      }}
    />
  );
}
