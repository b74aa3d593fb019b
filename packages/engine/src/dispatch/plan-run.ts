import type { DispatchEventInput, ExecutionJob, FlowBundle } from '@fireflow/protocol';
import type { StartRunOptions } from './types.ts';
import { newId } from '../ids.ts';
import { scriptNode } from '../flows/routes.ts';

/** A run that cannot start (bad entry); callers answer it as bad input. */
export class RunStartError extends Error {}

export interface RunPlan {
  runId: string;
  contextId: string;
  /** `run.started`, ready to emit before the entry is queued. */
  started: DispatchEventInput;
  entryJob: ExecutionJob;
}

/** What every dispatcher does first: resolve ids and the entry, and build the entry execution. */
export function planRun(bundle: FlowBundle, start: StartRunOptions): RunPlan {
  const runId = start.run_id ?? newId('run');
  const contextId = start.context_id ?? runId;
  const entry = start.entry ?? bundle.flow.entry;
  const node = scriptNode(bundle, entry);
  if (!node) throw new RunStartError(`entry "${entry}" is not a script node of this flow`);
  return {
    runId,
    contextId,
    started: {
      type: 'run.started',
      run_id: runId,
      context_id: contextId,
      ts: Date.now(),
      flow_id: start.flow_id,
      flow_name: bundle.flow.name,
      entry,
      trigger: start.trigger ?? 'manual',
      ...(start.replay_of === undefined ? {} : { replay_of: start.replay_of }),
      ...(start.event === undefined ? {} : { event_id: start.event.id, event_type: start.event.type }),
    },
    entryJob: {
      run_id: runId,
      flow_id: start.flow_id,
      context_id: contextId,
      execution_id: newId('ex'),
      worker_id: node.worker_id ?? 'default',
      node_id: entry,
      depth: 0,
      parent_request_id: null,
      input: start.input ?? { trigger: 'entry' },
    },
  };
}
