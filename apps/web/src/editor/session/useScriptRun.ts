import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ScriptRunInput } from '@fireflow/protocol';
import { errorMessage } from '../../api/http.ts';
import { replayExecution, runKeys, startRun } from '../../api/runs.ts';
import { useToast } from '../../app/toasts/context.ts';
import { useEditorStoreApi } from '../store/useEditor.ts';

/**
 * Runs one script alone — a replay of a recorded execution, or a node with sample data — after saving pending
 * edits (the server runs what is on disk: edit, replay, see the difference), then follows the new run live.
 */
export function useScriptRun(save: () => Promise<boolean>) {
  const store = useEditorStoreApi();
  const client = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  const start = useCallback(
    async (what: string, begin: () => Promise<{ run_id: string }>) => {
      if (busy) return;
      setBusy(true);
      try {
        if (!(await save())) return;
        const { run_id } = await begin();
        store.getState().startLiveRun(run_id);
        void client.invalidateQueries({ queryKey: runKeys.list(store.getState().flowId) });
      } catch (error) {
        toast({ kind: 'error', title: `Could not ${what}`, message: errorMessage(error) });
      } finally {
        setBusy(false);
      }
    },
    [busy, client, save, store, toast],
  );

  const replay = useCallback(
    (runId: string, executionId: string) => start('replay the execution', () => replayExecution(runId, executionId)),
    [start],
  );
  const runWith = useCallback(
    (node: string, input: ScriptRunInput) =>
      start('run the script', () => startRun(store.getState().flowId, { node, input })),
    [start, store],
  );
  return { replay, runWith, busy };
}
