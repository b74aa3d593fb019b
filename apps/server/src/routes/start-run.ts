import type { Request, Response } from 'express';
import { RunStartError, type StartRunOptions } from '@fireflow/engine';
import type { FlowBundle } from '@fireflow/protocol';
import { HttpError, dispatcherUnavailable } from '../http/errors.ts';
import { queryFlag } from '../http/parse.ts';
import type { RouteContext } from './context.ts';

/**
 * Starts a run and answers `202 { run_id }`, or with `?wait=1` the settled run. Shared by a flow's runs, replays and
 * runs with sample data, so each answers the same way.
 */
export async function startAndAnswer(
  ctx: RouteContext,
  req: Request,
  res: Response,
  bundle: FlowBundle,
  options: StartRunOptions & { run_id: string },
): Promise<void> {
  if (ctx.dispatcher.available?.() === false) throw dispatcherUnavailable();
  const runId = options.run_id;
  // Registered before the run starts, so even an instant settlement is seen.
  const waiter = queryFlag(req.query.wait) ? ctx.feed.waitForSettled(runId) : null;
  try {
    await ctx.dispatcher.startRun(bundle, options);
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
}
