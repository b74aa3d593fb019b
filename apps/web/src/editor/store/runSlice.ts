import type { StateCreator } from 'zustand';
import { applyEvents } from '../run/model/applyEvents.ts';
import { emptyRunModel } from '../run/model/runModel.ts';
import type { EditorState, RunSlice } from './state.ts';

export const createRunSlice: StateCreator<EditorState, [], [], RunSlice> = (set, get) => ({
  inspected: null,
  reveal: null,
  inspect: (target) => set({ inspected: target }),
  revealLocation: (file, line, column) =>
    set((s) => ({ reveal: { file, line, column, seq: (s.reveal?.seq ?? 0) + 1 } })),
  run: {
    runId: null,
    source: 'live',
    connection: 'idle',
    reconnected: false,
    model: emptyRunModel(),
    version: 0,
    scripts: null,
  },
  startLiveRun: (runId) =>
    set((s) => ({
      inspected: null,
      run: {
        runId,
        source: 'live',
        connection: 'connecting',
        reconnected: false,
        model: emptyRunModel(runId),
        version: s.run.version + 1,
        scripts: s.scripts,
      },
    })),
  showRun: (detail) => {
    const model = emptyRunModel(detail.run_id);
    applyEvents(model, detail.events);
    if (detail.status !== 'running') model.status = detail.status;
    const live = detail.status === 'running';
    set((s) => ({
      inspected: null,
      run: {
        runId: detail.run_id,
        source: live ? 'live' : 'history',
        connection: live ? 'connecting' : 'idle',
        reconnected: false,
        model,
        version: s.run.version + 1,
        scripts: null,
      },
    }));
  },
  appendRunEvents: (runId, events) => {
    const { run } = get();
    if (run.runId !== runId || events.length === 0) return;
    applyEvents(run.model, events);
    set({ run: { ...run, version: run.version + 1 } });
  },
  setConnection: (runId, connection) => {
    const { run } = get();
    if (run.runId !== runId || run.connection === connection) return;
    set({ run: { ...run, connection, reconnected: run.reconnected || connection === 'reconnecting' } });
  },
});
