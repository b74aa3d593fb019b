import { Router, type Request, type Response } from 'express';
import { FlowId } from '@fireflow/protocol';
import { z } from 'zod';
import { HttpError, dispatcherUnavailable } from '../http/errors.ts';
import { parseInput, parseRunId, queryFlag } from '../http/parse.ts';
import { SseStream } from '../http/sse.ts';
import { parseFlowEventId, streamFlow, streamFlowChanges } from '../live/flow-stream.ts';
import { runIsKnown, streamRun } from '../live/run-stream.ts';
import type { RouteContext } from './context.ts';
import { readingHistoryOf } from './history-errors.ts';

const EventsQuery = z.object({
  run: z.string().optional(),
  flow: FlowId.optional(),
  flows: z.string().optional(),
  /** For clients that cannot set headers (EventSource on first connect): same as Last-Event-ID. */
  last_event_id: z.string().optional(),
});

function resumePoint(req: Request, query: z.infer<typeof EventsQuery>): string | null {
  const header = req.headers['last-event-id'];
  const value = (typeof header === 'string' ? header : undefined) ?? query.last_event_id;
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/**
 * SSE. `?run=<run_id>`: that run's events (`id:` = the event id), ending after `run.settled`.
 * `?flow=<id>`: every run of the flow (`id:` = `<run_id>:<event id>`) plus `flow.changed` notices.
 * `?flows=1`: `flow.changed` for every flow. Heartbeat comments every 15 s; `Last-Event-ID` resumes.
 */
export function eventRoutes(ctx: RouteContext): Router {
  const router = Router();
  const onFlowChange = ctx.flowStore.onChange.bind(ctx.flowStore);

  router.get('/api/events', async (req, res) => {
    const query = parseInput(EventsQuery, req.query, 'query');
    const resume = resumePoint(req, query);

    if (query.run !== undefined) {
      const runId = parseRunId(query.run);
      const lastId = resume === null ? 0 : Number(resume);
      if (!Number.isSafeInteger(lastId) || lastId < 0) {
        throw new HttpError(
          400,
          'INVALID_LAST_EVENT_ID',
          'Last-Event-ID of a run stream is an event id (a whole number).',
        );
      }
      if (!ctx.runHistory.summary(runId) && ctx.dispatcher.available?.() === false) throw dispatcherUnavailable();
      if (!(await runIsKnown(runId, ctx))) throw new HttpError(404, 'RUN_NOT_FOUND', `No run with id "${runId}".`);
      if (await nothingMore(runId, lastId)) {
        // 204 tells EventSource to stop reconnecting (an interrupted run never sends run.settled).
        res.status(204).end();
        return;
      }
      const stream = open(req, res);
      await streamRun(stream, runId, lastId, ctx).catch((error: unknown) => fail(stream, error));
      return;
    }

    if (query.flow !== undefined) {
      const from = resume === null ? null : parseFlowEventId(resume);
      if (resume !== null && from === null) {
        throw new HttpError(
          400,
          'INVALID_LAST_EVENT_ID',
          'Last-Event-ID of a flow stream looks like "<run_id>:<event id>".',
        );
      }
      const stream = open(req, res);
      await streamFlow(stream, query.flow, from, { runHistory: ctx.runHistory, feed: ctx.feed, onFlowChange }).catch(
        (error: unknown) => fail(stream, error),
      );
      return;
    }

    if (query.flows !== undefined && queryFlag(query.flows)) {
      streamFlowChanges(open(req, res), { onFlowChange });
      return;
    }
    throw new HttpError(400, 'INVALID_INPUT', 'Name a stream: ?run=<run_id>, ?flow=<flow id> or ?flows=1.');
  });

  /** The run is over and the client has every event of it. */
  async function nothingMore(runId: string, lastId: number): Promise<boolean> {
    const summary = ctx.runHistory.summary(runId);
    if (!summary || summary.status === 'running' || ctx.runHistory.isLive(runId)) return false;
    const events = await ctx.runHistory.events(runId, lastId).catch(readingHistoryOf(runId));
    return (events ?? []).length === 0;
  }

  function open(req: Request, res: Response): SseStream {
    const stream = new SseStream(req, res, ctx.sse);
    ctx.streams.add(stream);
    return stream;
  }

  /** Headers are gone by now: the failure becomes an `error` frame and the stream ends. */
  function fail(stream: SseStream, error: unknown): void {
    ctx.logger.error('event stream failed', error);
    stream.send({ event: 'error', data: JSON.stringify({ code: 'INTERNAL', message: 'The event stream failed.' }) });
    stream.end();
  }

  return router;
}
