import express, { Router } from 'express';
import { NodeId } from '@fireflow/protocol';
import { acceptDelivery } from '../hooks/accept.ts';
import type { WebhookDeliveries } from '../hooks/deliveries.ts';
import { HttpError, dispatcherUnavailable } from '../http/errors.ts';
import { parseFlowId } from '../http/parse.ts';
import type { RouteContext } from './context.ts';
import { documentFrom } from './flow-body.ts';

/** Stripe's events are small; its own limit on a payload is far below this. */
const HOOK_BODY_LIMIT = '1mb';

export interface HookOptions {
  deliveries: WebhookDeliveries;
  /** The server's environment, where a webhook node's signing secret is looked up by name. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Secrets of endpoints the server registered itself (with the built-in mock), by `flow_id/node_id`; they win
   * over the environment.
   */
  registered?: ReadonlyMap<string, string>;
}

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
    const secret = options.registered?.get(`${flowId}/${node.id}`) ?? options.env[node.secret];
    if (secret === undefined || secret === '') {
      throw new HttpError(
        503,
        'WEBHOOK_SECRET_MISSING',
        `Set ${node.secret} in the server's environment to receive this webhook.`,
      );
    }
    if (ctx.dispatcher.available?.() === false) throw dispatcherUnavailable();
    const answer = await acceptDelivery(
      {
        flowId,
        bundle: { flow, scripts },
        node,
        payload: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        signature: req.header('stripe-signature'),
        secret,
      },
      { dispatcher: ctx.dispatcher, deliveries: options.deliveries, logger: ctx.logger },
    );
    res.status(200).json(answer);
  });

  return router;
}
