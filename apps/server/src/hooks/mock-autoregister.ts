import type { StripeMock } from '@fireflow/stripe-mock';
import type { Logger } from '../logger.ts';
import type { FlowStore } from '../store/flow-store.ts';
import { registerNode, unregister, webhookNodes } from './mock-endpoints.ts';

/**
 * With the built-in mock, every flow's webhook nodes are registered with it — at start and whenever a flow is
 * saved or edited on disk — so a create call's events come back to this server with no setup. The secrets land
 * in `secrets` (by `flow_id/node_id`), which the hook route prefers over the environment. Returns a stop function.
 */
export function autoRegisterWebhooks(
  mock: StripeMock,
  base: string,
  flowStore: FlowStore,
  secrets: Map<string, string>,
  logger: Logger,
): { ready: Promise<void>; stop(): void } {
  /** Each registered endpoint, with the event list it was registered with: a changed list needs a new one. */
  const registered = new Map<string, { events: string; endpointId: string }>();
  let queue: Promise<void> = Promise.resolve();

  async function sync(flowId: string): Promise<void> {
    const load = await flowStore.cached(flowId);
    const nodes = load.kind === 'ok' ? webhookNodes(load.bundle.flow) : [];
    const current = new Set(nodes.map((node) => `${flowId}/${node.id}`));
    // A flow that cannot be read keeps its endpoints: a half-written save must not unplug them.
    if (load.kind !== 'invalid') {
      for (const [key, { endpointId }] of registered) {
        if (!key.startsWith(`${flowId}/`) || current.has(key)) continue;
        await unregister(mock, endpointId);
        registered.delete(key);
        secrets.delete(key);
      }
    }
    for (const node of nodes) {
      const key = `${flowId}/${node.id}`;
      const events = node.events.join(',');
      const known = registered.get(key);
      if (known?.events === events) continue;
      const endpoint = await registerNode(mock, base, flowId, node);
      if (known) await unregister(mock, known.endpointId);
      secrets.set(key, endpoint.secret);
      registered.set(key, { events, endpointId: endpoint.id });
    }
  }
  // One at a time, so a burst of changes to one flow cannot register its endpoint twice.
  const enqueue = (flowId: string): Promise<void> =>
    (queue = queue.then(() =>
      sync(flowId).catch((error: unknown) =>
        logger.warn(
          `webhooks of ${flowId} not registered with the Stripe mock: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
    ));

  const ready = flowStore.list().then(async (flows) => {
    for (const { id } of flows) await enqueue(id);
  });
  const unsubscribe = flowStore.onChange((change) => void enqueue(change.flow_id));
  return { ready, stop: unsubscribe };
}
