import { newId, type Dispatcher } from '@fireflow/engine';
import type { FlowBundle, WebhookNode } from '@fireflow/protocol';
import type { Logger } from '../logger.ts';
import type { WebhookDeliveries } from './deliveries.ts';
import { verifyStripeEvent } from './verify.ts';

export type DeliveryAnswer = { run_id: string; duplicate?: true } | { ignored: true; reason: string };

export interface Delivery {
  flowId: string;
  bundle: FlowBundle;
  node: WebhookNode;
  payload: Buffer;
  signature: string | undefined;
  secret: string;
}

export interface AcceptContext {
  dispatcher: Dispatcher;
  deliveries: WebhookDeliveries;
  logger: Logger;
  /** Told of each run a delivery starts, before its first event (the CLI follows them). */
  onRun?: (runId: string, started: Promise<unknown>) => void;
}

const listens = (node: WebhookNode, type: string): boolean => node.events.includes('*') || node.events.includes(type);

/**
 * One webhook delivery (SPEC §3): verified (throws a 400 HttpError otherwise), ignored unless its type is listed,
 * then claimed by event id — a redelivery gets the first run — and its run started without being awaited.
 */
export async function acceptDelivery(delivery: Delivery, ctx: AcceptContext): Promise<DeliveryAnswer> {
  const { flowId, bundle, node } = delivery;
  const event = verifyStripeEvent(delivery.payload, delivery.signature, delivery.secret);
  if (!listens(node, event.type)) return { ignored: true, reason: `${node.id} does not listen to ${event.type}` };
  const entry = bundle.flow.edges.find((edge) => edge.from === node.id)?.to;
  if (entry === undefined) return { ignored: true, reason: `${node.id} is not wired to a script` };
  const key = { flowId, nodeId: node.id, eventId: event.id };
  const runId = newId('run');
  const owner = await ctx.deliveries.claim(key, runId);
  if (owner !== runId) return { run_id: owner, duplicate: true };
  // Started a tick later, so whoever follows the run hears of it before its first event.
  const started = Promise.resolve().then(() =>
    ctx.dispatcher.startRun(bundle, {
      flow_id: flowId,
      run_id: runId,
      entry,
      trigger: 'webhook',
      event,
      input: { trigger: 'entry', event_json: delivery.payload.toString('utf8') },
    }),
  );
  ctx.onRun?.(runId, started);
  // Not awaited: Stripe counts a slow answer as a failed delivery and sends it again.
  void started.catch(async (error: unknown) => {
    ctx.logger.error(`webhook ${flowId}/${node.id}: the run for ${event.id} did not start`, error);
    await ctx.deliveries.release(key, runId).catch(() => undefined);
  });
  return { run_id: runId };
}
