import { Router } from 'express';
import { newId, RunStartError } from '@fireflow/engine';
import { FlowId, StartRunBody } from '@fireflow/protocol';
import { z } from 'zod';
import { HttpError, dispatcherUnavailable } from '../http/errors.ts';
import { jsonBody, requireJsonBody } from '../http/body.ts';
import { parseFlowId, parseInput, parseRunId, queryFlag } from '../http/parse.ts';
import type { RouteContext } from './context.ts';
import { HistoryReadError } from '../store/flow-log.ts';
import { documentFrom } from './flow-body.ts';

const RunListQuery = z.object({
  flow: FlowId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Starting runs (the hot path: a cached bundle, no file reads) and reading run history. */
export function runRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { dispatcher, flowStore, runHistory, feed } = ctx;

  router.post('/api/flows/:id/runs', requireJsonBody, jsonBody, async (req, res) => {
    const flowId = parseFlowId(req.params.id);
    const body = req.body === undefined ? {} : parseInput(StartRunBody, req.body, 'run request');
    const { flow, scripts } = documentFrom(flowId, await flowStore.cached(flowId), 400);
    if (dispatcher.available?.() === false) throw dispatcherUnavailable();
    const runId = newId('run');
    // Registered before the run starts, so even an instant settlement is seen.
    const waiter = queryFlag(req.query.wait) ? feed.waitForSettled(runId) : null;
    try {
      await dispatcher.startRun(
        { flow, scripts },
        { flow_id: flowId, run_id: runId, ...(body.entry === undefined ? {} : { entry: body.entry }) },
      );
    } catch (error) {
      waiter?.cancel();
      if (error instanceof RunStartError) throw new HttpError(400, 'INVALID_ENTRY', error.message);
      throw error;
    }
    if (!waiter) {
      res.status(202).json({ run_id: runId });
      return;
    }
    res.on('close', waiter.cancel);
    const settled = await waiter.promise;
    // Null: the client left (nobody reads this) or the server is shutting down.
    if (!settled)
      throw new HttpError(503, 'SHUTTING_DOWN', 'The server stopped before the run settled.', { run_id: runId });
    res.status(200).json({ run_id: runId, status: settled.status, duration_ms: settled.duration_ms });
  });

  router.get('/api/runs', (req, res) => {
    const query = parseInput(RunListQuery, req.query, 'query');
    res.json(runHistory.list(query.flow, query.limit));
  });

  router.get('/api/runs/:run_id', async (req, res) => {
    const runId = parseRunId(req.params.run_id);
    const detail = await runHistory.detail(runId).catch((error: unknown) => {
      if (error instanceof HistoryReadError)
        throw new HttpError(500, 'HISTORY_UNREADABLE', `The stored events of run "${runId}" cannot be read.`);
      throw error;
    });
    if (!detail) throw new HttpError(404, 'RUN_NOT_FOUND', `No run with id "${runId}" in the history.`);
    res.json(detail);
  });

  return router;
}
