import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FlowDocument } from '@fireflow/protocol';
import { flowQuery } from '../api/flows.ts';
import { useLeaveGuard } from '../app/router/context.ts';
import { useToast } from '../app/toasts/context.ts';
import { bodyFromSnapshot, fingerprint } from './graph/document.ts';
import { useEditorShortcuts } from './session/useEditorShortcuts.ts';
import { useFlowChanges } from './session/useFlowChanges.ts';
import { useLiveValidation } from './session/useLiveValidation.ts';
import { useRun } from './session/useRun.ts';
import { useRunStream } from './session/useRunStream.ts';
import { useSave } from './session/useSave.ts';
import { snapshotOf } from './store/state.ts';
import { useEditorStoreApi } from './store/useEditor.ts';

/** Everything an open editor does besides drawing: save, run, live stream, disk changes, shortcuts, leave guard. */
export function useEditorSession() {
  const store = useEditorStoreApi();
  const client = useQueryClient();
  const toast = useToast();
  const flowId = store.getState().flowId;
  const knownFingerprint = useRef('');
  const [diskChange, setDiskChange] = useState<FlowDocument | null>(null);

  useEffect(() => {
    const state = store.getState();
    knownFingerprint.current = fingerprint(bodyFromSnapshot(snapshotOf(state)));
  }, [store]);

  const { save, saving, validate } = useSave(knownFingerprint);
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
      knownFingerprint.current = fingerprint(doc);
      store.getState().loadDocument(doc);
      setDiskChange(null);
      void validate();
    },
    [store, validate],
  );

  useFlowChanges(flowId, async () => {
    const doc = await client.fetchQuery({ ...flowQuery(flowId), staleTime: 0 }).catch(() => null);
    if (!doc || fingerprint(doc) === knownFingerprint.current) return;
    if (isDirty()) {
      setDiskChange(doc);
      return;
    }
    load(doc);
    toast({ kind: 'info', title: 'Reloaded from disk', message: `The files of "${flowId}" changed outside the editor.` });
  });

  return {
    save,
    run,
    saving,
    starting,
    diskChange,
    reloadFromDisk: () => diskChange && load(diskChange),
    dismissDiskChange: () => {
      if (diskChange) knownFingerprint.current = fingerprint(diskChange);
      setDiskChange(null);
    },
  };
}
