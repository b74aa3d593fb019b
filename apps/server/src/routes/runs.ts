import { Router } from 'express';
import { newId, replayInput } from '@fireflow/engine';
import { FlowId, StartRunBody } from '@fireflow/protocol';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { jsonBody, requireJsonBody } from '../http/body.ts';
import { parseFlowId, parseInput, parseRunId } from '../http/parse.ts';
import type { RouteContext } from './context.ts';
import { readingHistoryOf } from './history-errors.ts';
import { documentFrom } from './flow-body.ts';
import { startAndAnswer } from './start-run.ts';

const RunListQuery = z.object({
  flow: FlowId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Starting runs (the hot path: a cached bundle, no file reads) and reading run history. */
export function runRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { flowStore, runHistory } = ctx;

  router.post('/api/flows/:id/runs', requireJsonBody, jsonBody, async (req, res) => {
    const flowId = parseFlowId(req.params.id);
    const body = req.body === undefined ? {} : parseInput(StartRunBody, req.body, 'run request');
    const { flow, scripts } = documentFrom(flowId, await flowStore.cached(flowId), 400);
    const start = { flow_id: flowId, run_id: newId('run') };
    if (body.node !== undefined) {
      // One script node alone with the given inputs: the editor's "Run with sample data".
      const input = replayInput(body.input ?? {});
      await startAndAnswer(ctx, req, res, { flow, scripts }, { ...start, entry: body.node, input });
      return;
    }
    const entry = body.entry === undefined ? {} : { entry: body.entry };
    await startAndAnswer(ctx, req, res, { flow, scripts }, { ...start, ...entry });
  });

  router.get('/api/runs', (req, res) => {
    const query = parseInput(RunListQuery, req.query, 'query');
    res.json(runHistory.list(query.flow, query.limit));
  });

  router.get('/api/runs/:run_id', async (req, res) => {
    const runId = parseRunId(req.params.run_id);
    const detail = await runHistory.detail(runId).catch(readingHistoryOf(runId));
    if (!detail) throw new HttpError(404, 'RUN_NOT_FOUND', `No run with id "${runId}" in the history.`);
    res.json(detail);
  });

  return router;
}
