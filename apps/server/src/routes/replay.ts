import { Router } from 'express';
import { newId, replayInput } from '@fireflow/engine';
import type { ExecutionInput, RunDetail } from '@fireflow/protocol';
import { HttpError } from '../http/errors.ts';
import { parseRunId } from '../http/parse.ts';
import type { RouteContext } from './context.ts';
import { documentFrom } from './flow-body.ts';
import { startAndAnswer } from './start-run.ts';

export interface ReplayPlan {
  flowId: string;
  nodeId: string;
  input: ExecutionInput;
}

/** Which script a replay runs and the inputs it recorded, or why it cannot be replayed. */
export function replayPlan(detail: RunDetail, executionId: string): ReplayPlan {
  let nodeId: string | null = null;
  let recorded = null;
  let trigger = null;
  for (const event of detail.events) {
    if (event.type === 'execution.queued' && event.execution_id === executionId) {
      nodeId = event.node_id;
      trigger = event.trigger;
    }
    if (event.type === 'execution.started' && event.execution_id === executionId) recorded = event.input ?? null;
  }
  if (nodeId === null) {
    throw new HttpError(404, 'EXECUTION_NOT_FOUND', `Run "${detail.run_id}" has no execution "${executionId}".`);
  }
  if (recorded === null && trigger !== 'entry') {
    throw new HttpError(
      409,
      'REPLAY_NO_INPUT',
      "This execution's inputs were not kept (it never started, or its run is older than replays).",
    );
  }
  if (recorded?.cut) {
    throw new HttpError(
      409,
      'REPLAY_CUT',
      `This execution's input was ${recorded.cut.bytes} bytes, more than the history keeps, so it cannot be replayed.`,
    );
  }
  return { flowId: detail.flow_id, nodeId, input: replayInput(recorded ?? {}) };
}

/** `POST /api/runs/:run_id/executions/:execution_id/replay`: that one script again, with its recorded inputs (SPEC §8). */
export function replayRoutes(ctx: RouteContext): Router {
  const router = Router();
  router.post('/api/runs/:run_id/executions/:execution_id/replay', async (req, res) => {
    const runId = parseRunId(req.params.run_id);
    const executionId = parseRunId(req.params.execution_id);
    const detail = await ctx.runHistory.detail(runId);
    if (!detail) throw new HttpError(404, 'RUN_NOT_FOUND', `No run with id "${runId}" in the history.`);
    const plan = replayPlan(detail, executionId);
    // The script as it is now: replaying after an edit is the point.
    const { flow, scripts } = documentFrom(plan.flowId, await ctx.flowStore.cached(plan.flowId), 400);
    await startAndAnswer(
      ctx,
      req,
      res,
      { flow, scripts },
      {
        flow_id: plan.flowId,
        run_id: newId('run'),
        entry: plan.nodeId,
        input: plan.input,
        trigger: 'replay',
        replay_of: executionId,
      },
    );
  });
  return router;
}
