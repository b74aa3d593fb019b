import { useEffect } from 'react';
import { PutFlowBody } from '@fireflow/protocol';
import { validateFlow } from '../../api/flows.ts';
import { bodyFromSnapshot } from '../graph/document.ts';
import { snapshotOf } from '../store/state.ts';
import { useEditorStoreApi } from '../store/useEditor.ts';

const DEBOUNCE_MS = 500;

/**
 * Validates the unsaved document a moment after each edit (the server compiles every script), so markers
 * follow typing. Answers that arrive out of order are dropped.
 */
export function useLiveValidation() {
  const store = useEditorStoreApi();

  useEffect(() => {
    let timer = 0;
    let latest = 0;
    const controller = new AbortController();
    const check = async () => {
      const state = store.getState();
      const parsed = PutFlowBody.safeParse(bodyFromSnapshot(snapshotOf(state)));
      if (!parsed.success) return;
      const ticket = ++latest;
      try {
        const result = await validateFlow(state.flowId, parsed.data, controller.signal);
        if (ticket === latest) store.getState().setDiagnostics(result.diagnostics);
      } catch {
        // Live checks are best effort; saving reports real failures.
      }
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.revision === previous.revision) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void check(), DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [store]);
}
