import type { DispatchEvent, EventOf } from '@fireflow/protocol';
import type { Dispatcher } from '../dispatch/types.ts';

/** Starts a run and collects its events until it settles. */
export async function runToSettled(
  dispatcher: Dispatcher,
  bundle: Parameters<Dispatcher['startRun']>[0],
  flowId = 'test-flow',
): Promise<{ events: DispatchEvent[]; settled: EventOf<'run.settled'> }> {
  const { run_id } = await dispatcher.startRun(bundle, { flow_id: flowId });
  const settled = await dispatcher.waitForSettled(run_id);
  const events = await dispatcher.replay(run_id, 0);
  return { events, settled };
}

export function ofType<T extends DispatchEvent['type']>(events: DispatchEvent[], type: T): Array<EventOf<T>> {
  return events.filter((event): event is EventOf<T> => event.type === type);
}

export function logsOf(events: DispatchEvent[], nodeId?: string): string[] {
  return ofType(events, 'execution.log')
    .filter((event) => nodeId === undefined || event.node_id === nodeId)
    .map((event) => event.message);
}
