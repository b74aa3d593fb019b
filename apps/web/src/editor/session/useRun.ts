import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/http.ts';
import { runKeys, startRun } from '../../api/runs.ts';
import { useToast } from '../../app/toasts/context.ts';
import { useEditorStoreApi } from '../store/useEditor.ts';

/** Saves pending edits (a run executes what is on disk), then starts a run and follows it live. */
export function useRun(save: () => Promise<boolean>) {
  const store = useEditorStoreApi();
  const client = useQueryClient();
  const toast = useToast();
  const [starting, setStarting] = useState(false);

  const run = useCallback(async () => {
    if (starting) return;
    setStarting(true);
    try {
      if (!(await save())) return;
      const { flowId } = store.getState();
      const { run_id } = await startRun(flowId);
      store.getState().startLiveRun(run_id);
      void client.invalidateQueries({ queryKey: runKeys.list(flowId) });
    } catch (error) {
      toast({ kind: 'error', title: 'Could not start the run', message: errorMessage(error) });
    } finally {
      setStarting(false);
    }
  }, [client, save, starting, store, toast]);

  return { run, starting };
}
