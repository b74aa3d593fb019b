import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { DispatchEvent } from '@fireflow/protocol';
import { runEventsUrl, runKeys } from '../../api/runs.ts';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { EVENT_TYPES } from './eventTypes.ts';

/**
 * Follows the current live run over SSE. Frames are parsed with `DispatchEvent` and applied once per animation
 * frame, so thousands of events cost one render each frame. EventSource reconnects by itself and sends
 * Last-Event-ID, so the server resumes where the stream broke; the store only tracks the connection state.
 */
export function useRunStream() {
  const store = useEditorStoreApi();
  const client = useQueryClient();
  const runId = useEditor((s) => (s.run.source === 'live' ? s.run.runId : null));
  const settled = useEditor((s) => s.run.model.settledAt !== null);

  useEffect(() => {
    if (!runId || settled) return;
    const source = new EventSource(runEventsUrl(runId));
    const buffer: DispatchEvent[] = [];
    let frame = 0;
    let finished = false;

    const flush = () => {
      frame = 0;
      store.getState().appendRunEvents(runId, buffer.splice(0));
      if (finished) {
        source.close();
        store.getState().setConnection(runId, 'closed');
        void client.invalidateQueries({ queryKey: runKeys.all });
      }
    };
    const onFrame = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        console.warn('Fireflow: ignoring an SSE frame that is not JSON', message.data.slice(0, 200));
        return;
      }
      const parsed = DispatchEvent.safeParse(data);
      if (!parsed.success) {
        console.warn('Fireflow: ignoring an SSE frame that is not a DispatchEvent', parsed.error.issues[0]);
        return;
      }
      buffer.push(parsed.data);
      if (parsed.data.type === 'run.settled') finished = true;
      frame ||= requestAnimationFrame(flush);
    };

    for (const type of EVENT_TYPES) source.addEventListener(type, onFrame);
    source.onopen = () => store.getState().setConnection(runId, 'open');
    source.onerror = () => {
      if (finished) return;
      store.getState().setConnection(runId, source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    };
    return () => {
      cancelAnimationFrame(frame);
      if (buffer.length > 0) store.getState().appendRunEvents(runId, buffer.splice(0));
      source.close();
    };
  }, [client, runId, settled, store]);
}
