import express, { Router } from 'express';
import { newId } from '@fireflow/engine';
import { NodeId, type WebhookNode } from '@fireflow/protocol';
import { HttpError, dispatcherUnavailable } from '../http/errors.ts';
import { parseFlowId } from '../http/parse.ts';
import type { WebhookDeliveries } from '../hooks/deliveries.ts';
import { verifyStripeEvent } from '../hooks/verify.ts';
import type { RouteContext } from './context.ts';
import { documentFrom } from './flow-body.ts';

/** Stripe's events are small; its own limit on a payload is far below this. */
const HOOK_BODY_LIMIT = '1mb';

export interface HookOptions {
  deliveries: WebhookDeliveries;
  /** The server's environment, where a webhook node's signing secret is looked up by name. */
  env: Readonly<Record<string, string | undefined>>;
}

const listens = (node: WebhookNode, type: string): boolean => node.events.includes('*') || node.events.includes(type);

/**
 * `POST /api/hooks/:flow_id/:node_id` (SPEC §3): a verified Stripe event of a listed type starts one run at the
 * script the webhook node is wired to — at most once per event id — and is answered without waiting for the run.
 */
export function hookRoutes(ctx: RouteContext, options: HookOptions): Router {
  const router = Router();
  // The signature covers the exact bytes Stripe sent, so the body stays raw whatever its Content-Type.
  const rawBody = express.raw({ type: () => true, limit: HOOK_BODY_LIMIT });

  router.post('/api/hooks/:flow_id/:node_id', rawBody, async (req, res) => {
    const flowId = parseFlowId(req.params.flow_id);
    const nodeId = NodeId.safeParse(req.params.node_id);
    if (!nodeId.success) throw new HttpError(400, 'INVALID_NODE_ID', 'Invalid node id.');
    const { flow, scripts } = documentFrom(flowId, await ctx.flowStore.cached(flowId), 400);
    const node = flow.nodes.find((candidate) => candidate.id === nodeId.data);
    if (node?.type !== 'webhook') {
      throw new HttpError(404, 'WEBHOOK_NOT_FOUND', `Flow "${flowId}" has no webhook node "${nodeId.data}".`);
    }
    const secret = options.env[node.secret];
    if (secret === undefined || secret === '') {
      throw new HttpError(
        503,
        'WEBHOOK_SECRET_MISSING',
        `Set ${node.secret} in the server's environment to receive this webhook.`,
      );
    }
    const payload: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const event = verifyStripeEvent(payload, req.header('stripe-signature'), secret);
    if (!listens(node, event.type)) {
      res.status(200).json({ ignored: true, reason: `${node.id} does not listen to ${event.type}` });
      return;
    }
    const entry = flow.edges.find((edge) => edge.from === node.id)?.to;
    if (entry === undefined) {
      res.status(200).json({ ignored: true, reason: `${node.id} is not wired to a script` });
      return;
    }
    const key = { flowId, nodeId: node.id, eventId: event.id };
    const runId = newId('run');
    const owner = await options.deliveries.claim(key, runId);
    if (owner !== runId) {
      res.status(200).json({ run_id: owner, duplicate: true });
      return;
    }
    if (ctx.dispatcher.available?.() === false) {
      await options.deliveries.release(key, runId);
      throw dispatcherUnavailable();
    }
    // Answered before the run starts: Stripe counts a slow answer as a failed delivery and sends it again.
    void ctx.dispatcher
      .startRun(
        { flow, scripts },
        {
          flow_id: flowId,
          run_id: runId,
          entry,
          trigger: 'webhook',
          event,
          input: { trigger: 'entry', event_json: payload.toString('utf8') },
        },
      )
      .catch(async (error: unknown) => {
        ctx.logger.error(`webhook ${flowId}/${node.id}: run for ${event.id} did not start`, error);
        await options.deliveries.release(key, runId).catch(() => undefined);
      });
    res.status(200).json({ run_id: runId });
  });

  return router;
}
