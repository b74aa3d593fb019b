import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FlowChanged, FlowDocument } from '@fireflow/protocol';
import { flowKeys, flowQuery } from '../api/flows.ts';
import { useLeaveGuard } from '../app/router/context.ts';
import { useToast } from '../app/toasts/context.ts';
import { bodyFromSnapshot, fingerprint } from './graph/document.ts';
import { useEditorShortcuts } from './session/useEditorShortcuts.ts';
import { useFlowChanges } from './session/useFlowChanges.ts';
import { useLiveValidation } from './session/useLiveValidation.ts';
import { useRun } from './session/useRun.ts';
import { useRunStream } from './session/useRunStream.ts';
import { useSave, type SavedBase } from './session/useSave.ts';
import type { SaveConflict } from './conflict/ConflictDialog.tsx';
import { snapshotOf } from './store/state.ts';
import { useEditorStoreApi } from './store/useEditor.ts';

/** Everything an open editor does besides drawing: save, run, live stream, disk changes, shortcuts, leave guard. */
export function useEditorSession() {
  const store = useEditorStoreApi();
  const client = useQueryClient();
  const toast = useToast();
  const flowId = store.getState().flowId;
  const base = useRef<SavedBase>({ fingerprint: '', version: '' });
  const [diskChange, setDiskChange] = useState<FlowDocument | null>(null);
  const [conflict, setConflict] = useState<SaveConflict | null>(null);

  useEffect(() => {
    const state = store.getState();
    const opened = client.getQueryData<FlowDocument>(flowKeys.detail(state.flowId));
    base.current = { fingerprint: fingerprint(bodyFromSnapshot(snapshotOf(state))), version: opened?.version ?? '' };
  }, [client, store]);

  const { save, saveOver, settled, saving, validate } = useSave(base, setConflict);
  const { run, starting } = useRun(save);
  useRunStream();
  useLiveValidation();
  useEditorShortcuts({ save, run });

  const isDirty = useCallback(() => {
    const s = store.getState();
    return s.revision !== s.savedRevision;
  }, [store]);
  useLeaveGuard(isDirty);

  // Markers for the scripts as they are on disk when the editor opens.
  useEffect(() => void validate(), [validate]);

  const load = useCallback(
    (doc: FlowDocument) => {
      base.current = { fingerprint: fingerprint(doc), version: doc.version ?? '' };
      client.setQueryData(flowKeys.detail(doc.id), doc);
      store.getState().loadDocument(doc);
      setDiskChange(null);
      setConflict(null);
      void validate();
    },
    [client, store, validate],
  );

  useFlowChanges(flowId, async (change: FlowChanged) => {
    // Our own save is announced too: wait for its answer, whose version then matches the notice.
    await settled();
    if (change.version !== undefined && change.version === base.current.version) return;
    const doc = await client.fetchQuery({ ...flowQuery(flowId), staleTime: 0 }).catch(() => null);
    if (!doc || fingerprint(doc) === base.current.fingerprint) return;
    if (isDirty()) {
      setDiskChange(doc);
      return;
    }
    load(doc);
    toast({ kind: 'info', title: 'Reloaded', message: `"${flowId}" was saved elsewhere (another window or on disk).` });
  });

  return {
    save,
    run,
    saving,
    starting,
    diskChange,
    reloadFromDisk: () => diskChange && load(diskChange),
    // Keeping my edits leaves the base version as it was, so the next save meets the conflict dialog.
    dismissDiskChange: () => setDiskChange(null),
    conflict,
    reloadTheirs: load,
    overwrite: (version: string) => {
      setConflict(null);
      void saveOver(version);
    },
    cancelConflict: () => setConflict(null),
  };
}
