import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FlowConflictDetails, PutFlowBody } from '@fireflow/protocol';
import { flowKeys, saveFlow, validateFlow } from '../../api/flows.ts';
import { ApiRequestError, errorMessage } from '../../api/http.ts';
import { useToast } from '../../app/toasts/context.ts';
import type { SaveConflict } from '../conflict/ConflictDialog.tsx';
import { bodyFromSnapshot, fingerprint } from '../graph/document.ts';
import { snapshotOf } from '../store/state.ts';
import { useEditorStoreApi } from '../store/useEditor.ts';

/** What the editor believes is on disk: its content (to ignore echoes of our own save) and its version (If-Match). */
export interface SavedBase {
  fingerprint: string;
  version: string;
}

/**
 * Saving: PUT the document over the version it was loaded from, then ask the server to validate it and show the
 * diagnostics as markers. A newer version on the server is not overwritten: `onConflict` gets both sides.
 */
export function useSave(base: React.RefObject<SavedBase>, onConflict: (conflict: SaveConflict) => void) {
  const store = useEditorStoreApi();
  const client = useQueryClient();
  const toast = useToast();
  const [saving, setSaving] = useState(false);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const validate = useCallback(async () => {
    const { flowId } = store.getState();
    try {
      const result = await validateFlow(flowId);
      store.getState().setDiagnostics(result.diagnostics);
    } catch (error) {
      toast({ kind: 'error', title: 'Could not check the scripts', message: errorMessage(error) });
    }
  }, [store, toast]);

  /** `over`: the version to save over; the one the editor was loaded from unless the user chose to overwrite. */
  const saveOnce = useCallback(
    async (over: string): Promise<boolean> => {
      const state = store.getState();
      const revision = state.revision;
      const parsed = PutFlowBody.safeParse(bodyFromSnapshot(snapshotOf(state)));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        toast({
          kind: 'error',
          title: 'This flow cannot be saved yet',
          message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
        });
        return false;
      }
      setSaving(true);
      try {
        const saved = await saveFlow(state.flowId, parsed.data, over);
        base.current = { fingerprint: fingerprint(saved), version: saved.version ?? '' };
        store.getState().markSaved(revision);
        client.setQueryData(flowKeys.detail(state.flowId), saved);
        void client.invalidateQueries({ queryKey: flowKeys.list() });
        void validate();
        return true;
      } catch (error) {
        const conflict =
          error instanceof ApiRequestError && error.code === 'FLOW_CONFLICT'
            ? FlowConflictDetails.safeParse(error.details)
            : null;
        if (conflict?.success) {
          onConflict({ ...conflict.data, mine: parsed.data });
          return false;
        }
        toast({ kind: 'error', title: 'Could not save', message: errorMessage(error) });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [base, client, onConflict, store, toast, validate],
  );

  const queue = useCallback(
    async (over: () => string, force: boolean): Promise<boolean> => {
      // A save requested while one is in flight waits for it, then saves whatever changed meanwhile.
      while (inFlight.current) await inFlight.current;
      const { revision, savedRevision } = store.getState();
      if (revision === savedRevision && !force) return true;
      inFlight.current = saveOnce(over());
      try {
        return await inFlight.current;
      } finally {
        inFlight.current = null;
      }
    },
    [saveOnce, store],
  );

  const save = useCallback(() => queue(() => base.current.version, false), [base, queue]);
  /** Saves this editor's flow over `version` (the one a conflict showed), on purpose. */
  const saveOver = useCallback((version: string) => queue(() => version, true), [queue]);
  /** Resolves once no save is in flight, so a notice about our own save is judged after its answer arrived. */
  const settled = useCallback(async () => {
    while (inFlight.current) await inFlight.current;
  }, []);

  return { save, saveOver, settled, saving, validate };
}
