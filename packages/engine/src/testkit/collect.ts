import type { DispatchEvent, EventOf } from '@fireflow/protocol';
import type { Dispatcher, StartRunOptions } from '../dispatch/types.ts';
import { newId } from '../ids.ts';

/** Starts a run (with `start`'s options, if any) and collects its events until it settles. */
export async function runToSettled(
  dispatcher: Dispatcher,
  bundle: Parameters<Dispatcher['startRun']>[0],
  flowId = 'test-flow',
  start: Omit<StartRunOptions, 'flow_id' | 'run_id'> = {},
): Promise<{ events: DispatchEvent[]; settled: EventOf<'run.settled'> }> {
  // A settled run's events may have left the dispatcher (only summaries stay): listen from before the start.
  const runId = newId('run');
  const heard = new Map<number, DispatchEvent>();
  const unsubscribe = dispatcher.onEvent((event) => {
    if (event.run_id === runId) heard.set(event.id, event);
  });
  try {
    await dispatcher.startRun(bundle, { ...start, flow_id: flowId, run_id: runId });
    const settled = await dispatcher.waitForSettled(runId);
    for (const event of await dispatcher.replay(runId, 0)) heard.set(event.id, event);
    const events = [...heard.values()].sort((a, b) => a.id - b.id);
    return { events, settled };
  } finally {
    unsubscribe();
  }
}

export function ofType<T extends DispatchEvent['type']>(events: DispatchEvent[], type: T): Array<EventOf<T>> {
  return events.filter((event): event is EventOf<T> => event.type === type);
}

export function logsOf(events: DispatchEvent[], nodeId?: string): string[] {
  return ofType(events, 'execution.log')
    .filter((event) => nodeId === undefined || event.node_id === nodeId)
    .map((event) => event.message);
}
