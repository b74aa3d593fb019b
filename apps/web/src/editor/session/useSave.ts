import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { PutFlowBody } from '@fireflow/protocol';
import { flowKeys, saveFlow, validateFlow } from '../../api/flows.ts';
import { errorMessage } from '../../api/http.ts';
import { useToast } from '../../app/toasts/context.ts';
import { bodyFromSnapshot, fingerprint } from '../graph/document.ts';
import { snapshotOf } from '../store/state.ts';
import { useEditorStoreApi } from '../store/useEditor.ts';

/**
 * Saving: PUT the document, then ask the server to validate it and show the diagnostics as markers.
 * `knownFingerprint` is what the editor believes is on disk, so a `flow.changed` caused by our own save is ignored.
 */
export function useSave(knownFingerprint: React.RefObject<string>) {
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

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const state = store.getState();
    const revision = state.revision;
    const parsed = PutFlowBody.safeParse(bodyFromSnapshot(snapshotOf(state)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      toast({ kind: 'error', title: 'This flow cannot be saved yet', message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
      return false;
    }
    setSaving(true);
    try {
      const saved = await saveFlow(state.flowId, parsed.data);
      knownFingerprint.current = fingerprint(saved);
      store.getState().markSaved(revision);
      client.setQueryData(flowKeys.detail(state.flowId), saved);
      void client.invalidateQueries({ queryKey: flowKeys.list() });
      void validate();
      return true;
    } catch (error) {
      toast({ kind: 'error', title: 'Could not save', message: errorMessage(error) });
      return false;
    } finally {
      setSaving(false);
    }
  }, [client, knownFingerprint, store, toast, validate]);

  const save = useCallback(async (): Promise<boolean> => {
    // A save requested while one is in flight waits for it, then saves whatever changed meanwhile.
    while (inFlight.current) await inFlight.current;
    const { revision, savedRevision } = store.getState();
    if (revision === savedRevision) return true;
    inFlight.current = saveOnce();
    try {
      return await inFlight.current;
    } finally {
      inFlight.current = null;
    }
  }, [saveOnce, store]);

  return { save, saving, validate };
}
