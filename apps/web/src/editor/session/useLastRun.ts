import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { runListQuery, runQuery } from '../../api/runs.ts';
import { useEditorStoreApi } from '../store/useEditor.ts';

/** Reopening a flow shows its last run, so the run panel answers "what happened last time?" at once. */
export function useLastRun() {
  const store = useEditorStoreApi();
  const client = useQueryClient();
  useEffect(() => {
    let cancelled = false;
    const { flowId } = store.getState();
    void (async () => {
      const runs = await client.fetchQuery(runListQuery(flowId));
      const last = [...runs].sort((a, b) => b.started_at.localeCompare(a.started_at))[0];
      if (!last || cancelled || store.getState().run.runId !== null) return;
      const detail = await client.fetchQuery({ ...runQuery(last.run_id), staleTime: 0 });
      // A run started meanwhile wins over the old one.
      if (!cancelled && store.getState().run.runId === null) store.getState().showRun(detail);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, store]);
}
