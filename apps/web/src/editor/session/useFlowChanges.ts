import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FlowChanged } from '@fireflow/protocol';
import { flowEventsUrl, runKeys } from '../../api/runs.ts';

/** Watches the flow's stream: file changes on disk (from git, another editor) and runs started elsewhere. */
export function useFlowChanges(flowId: string, onChange: (change: FlowChanged) => void) {
  const client = useQueryClient();
  const latest = useRef(onChange);
  latest.current = onChange;

  useEffect(() => {
    const source = new EventSource(flowEventsUrl(flowId));
    source.addEventListener('flow.changed', (message: MessageEvent<string>) => {
      try {
        const parsed = FlowChanged.safeParse(JSON.parse(message.data));
        if (parsed.success && parsed.data.flow_id === flowId) latest.current(parsed.data);
      } catch {
        // A malformed frame is ignored; the next change sends a new one.
      }
    });
    const refreshRuns = () => void client.invalidateQueries({ queryKey: runKeys.list(flowId) });
    source.addEventListener('run.started', refreshRuns);
    source.addEventListener('run.settled', refreshRuns);
    return () => source.close();
  }, [client, flowId]);
}
