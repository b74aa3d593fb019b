import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../auth.ts';
import { errors, StripeMockError } from '../errors.ts';
import { parseFaultHeader, parseLatencyHeader, type Failure } from '../faults.ts';
import { fingerprintOf, type IdempotencyClaim, type SavedAnswer } from '../idempotency.ts';
import { newId } from '../ids.ts';
import type { MockState } from '../state.ts';
import { readBody } from './body.ts';
import { runCreate, runRetrieve } from './execute.ts';
import { dropConnection, sendError, sendJson, type ReplyContext } from './reply.ts';
import { matchRoute, type Route } from './routes.ts';

const headerValue = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Per-request headers win over the instance latency and the fault queue (which they leave untouched). */
function planFaults(
  state: MockState,
  req: IncomingMessage,
  path: string,
): { latencyMs: number; failure: Failure | null } {
  const latencyHeader = parseLatencyHeader(headerValue(req, 'fireflow-mock-latency-ms'));
  if (latencyHeader === null) {
    throw errors.invalidState('Invalid Fireflow-Mock-Latency-Ms header: expected a whole number of milliseconds.');
  }
  const faultHeader = parseFaultHeader(headerValue(req, 'fireflow-mock-fault'));
  if (faultHeader === null) {
    throw errors.invalidState('Invalid Fireflow-Mock-Fault header: expected 429, 500, drop, 500-after or drop-after.');
  }
  const queued = state.faults.take(path, faultHeader === undefined);
  return {
    latencyMs: (latencyHeader ?? state.settings.latencyMs) + queued.extraLatencyMs,
    failure: faultHeader ?? queued.failure,
  };
}

function authFailure(req: IncomingMessage): StripeMockError | undefined {
  try {
    authenticate(headerValue(req, 'authorization'));
    return undefined;
  } catch (error) {
    if (error instanceof StripeMockError) return error;
    throw error;
  }
}

function fail(res: ServerResponse, failure: Failure, context: ReplyContext): void {
  if (failure.type === 'drop') return dropConnection(res);
  sendError(res, failure.type === '429' ? errors.rateLimited() : errors.apiError(), context);
}

function sendAnswer(res: ServerResponse, answer: SavedAnswer, context: ReplyContext, replayed: boolean): void {
  const extra = replayed ? { 'Idempotent-Replayed': 'true', 'Original-Request': answer.requestId } : undefined;
  sendJson(res, answer.status, answer.body, context, extra);
}

type Reply = { error: StripeMockError } | { answer: SavedAnswer; replayed: boolean };

/**
 * One API request, in Stripe's order: authenticate, claim the idempotency key (a retry of a
 * finished request replays it; a concurrent one gets 409), wait out the injected latency (the key
 * stays claimed meanwhile), apply an injected failure, then validate and run. Only a request that
 * ran is saved for its key — a refused one, or one hit by a fault before running, is forgotten.
 */
export async function handleApiRequest(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
) {
  const method = req.method ?? 'GET';
  const route = matchRoute(state.routes, method, path);
  state.counters.request(route?.counterKey ?? path);
  const idempotencyKey = method === 'POST' ? headerValue(req, 'idempotency-key') : undefined;
  if (idempotencyKey !== undefined) state.counters.keyed(idempotencyKey);
  const context: ReplyContext = { requestId: newId.request(), idempotencyKey };
  let body: string;
  let plan: ReturnType<typeof planFaults>;
  try {
    body = await readBody(req);
    plan = planFaults(state, req, path);
  } catch (error) {
    if (error instanceof StripeMockError) return sendError(res, error, context);
    return dropConnection(res);
  }

  const refusal = authFailure(req);
  const claim: IdempotencyClaim | undefined =
    !refusal && route?.action === 'create' && idempotencyKey !== undefined
      ? state.idempotency.claim(idempotencyKey, path, fingerprintOf(body))
      : undefined;
  const fresh = claim?.kind === 'fresh' ? claim : undefined;
  if (plan.latencyMs > 0) await state.delay(plan.latencyMs);
  if (plan.failure?.phase === 'before') {
    fresh?.abandon();
    return fail(res, plan.failure, context);
  }

  let reply: Reply;
  if (refusal) reply = { error: refusal };
  else if (!route) reply = { error: errors.unrecognizedUrl(method, path) };
  else if (claim?.kind === 'conflict') reply = { error: claim.error };
  else if (claim?.kind === 'replay') reply = { answer: claim.answer, replayed: true };
  else {
    try {
      const answer = execute(state, route, req, body, query, context);
      fresh?.complete(answer);
      reply = { answer, replayed: false };
    } catch (error) {
      fresh?.abandon();
      if (!(error instanceof StripeMockError)) throw error;
      reply = { error };
    }
  }
  if (plan.failure?.phase === 'after') return fail(res, plan.failure, context);
  if ('error' in reply) return sendError(res, reply.error, context);
  sendAnswer(res, reply.answer, context, reply.replayed);
}

function execute(
  state: MockState,
  route: Route,
  req: IncomingMessage,
  body: string,
  query: string,
  context: ReplyContext,
): SavedAnswer {
  if (route.action === 'retrieve') {
    return { status: 200, body: runRetrieve(state, route.resource, route.id, query), requestId: context.requestId };
  }
  return runCreate(state, route.resource, {
    body,
    contentType: headerValue(req, 'content-type'),
    requestId: context.requestId,
    idempotencyKey: context.idempotencyKey,
  });
}
