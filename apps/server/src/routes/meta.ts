import { Router } from 'express';
import type { Health } from '@fireflow/protocol';
import { openApiDocument } from '../openapi.ts';
import type { RouteContext } from './context.ts';

export function metaRoutes(ctx: RouteContext): Router {
  const router = Router();
  let openapi: Record<string, unknown> | null = null;

  router.get('/api/health', (_req, res) => {
    const health: Health = { ok: true, dispatcher: ctx.dispatcher.kind, stripe: ctx.stripeBase };
    if (ctx.dispatcher.kind === 'redis') health.redis = ctx.dispatcher.available?.() === false ? 'down' : 'up';
    const spawnFailures = ctx.dispatcher.sandboxSpawnFailures?.();
    if (spawnFailures !== undefined) health.sandbox_spawn_failures = spawnFailures;
    res.json(health);
  });

  router.get('/api/openapi.json', (_req, res) => {
    openapi ??= openApiDocument();
    res.json(openapi);
  });

  return router;
}
