import { useEffect, useRef, useState } from 'react';
import { FlowId, type FlowTemplate } from '@fireflow/protocol';
import { errorMessage } from '../api/http.ts';
import { Icon } from '../shared/Icon.tsx';
import { TEMPLATE_ORDER, TEMPLATES, slugify } from './templates.ts';
import { useCreateFlow } from './useFlowActions.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  takenIds: ReadonlySet<string>;
}

export function CreateFlowDialog({ open, onClose, takenIds }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [template, setTemplate] = useState<FlowTemplate>('payment_intent');
  const create = useCreateFlow();
  const resetCreate = create.reset;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setName('');
      setId('');
      setIdEdited(false);
      setTemplate('payment_intent');
      resetCreate();
      element.showModal();
    } else if (!open && element.open) element.close();
  }, [open, resetCreate]);

  const effectiveId = idEdited ? id : name.trim() ? slugify(name) : '';
  const idCheck = FlowId.safeParse(effectiveId);
  const idProblem = !name ? null : !idCheck.success ? `Id ${idCheck.error.issues[0]?.message}` : takenIds.has(effectiveId) ? `A flow with id "${effectiveId}" already exists.` : null;
  const canSubmit = name.trim().length > 0 && !idProblem && !create.isPending;

  return (
    <dialog ref={dialog} className="dialog dialog-wide" aria-labelledby="create-flow-title" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (canSubmit) create.mutate({ id: effectiveId, name: name.trim(), template }, { onSuccess: onClose });
        }}
      >
        <h2 id="create-flow-title" className="dialog-title">
          New flow
        </h2>
        <div className="form-grid">
          <label className="field">
            <span className="field-label">Name</span>
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="Checkout" autoFocus maxLength={200} required />
          </label>
          <label className="field">
            <span className="field-label">Id (folder name)</span>
            <input
              className="input mono"
              value={effectiveId}
              onChange={(e) => (setIdEdited(true), setId(e.target.value))}
              placeholder="checkout"
              aria-invalid={idProblem ? true : undefined}
            />
          </label>
        </div>
        {idProblem && <p className="field-error">{idProblem}</p>}
        <fieldset className="template-grid">
          <legend className="field-label">Start from</legend>
          {TEMPLATE_ORDER.map((key) => {
            const meta = TEMPLATES[key];
            return (
              <label key={key} className="template-card" style={{ ['--tpl' as string]: meta.color }}>
                <input type="radio" name="template" value={key} checked={template === key} onChange={() => setTemplate(key)} />
                <span className="template-icon">
                  <Icon name={meta.icon} size={18} />
                </span>
                <span className="template-text">
                  <strong>{meta.label}</strong>
                  <span className="muted">{meta.description}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
        {create.isError && (
          <p className="field-error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!canSubmit}>
            {create.isPending ? 'Creating…' : 'Create flow'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
