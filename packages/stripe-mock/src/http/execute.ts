import { errors, StripeMockError } from '../errors.ts';
import { parseForm } from '../form.ts';
import type { SavedAnswer } from '../idempotency.ts';
import type { StripeObject } from '../resources/object-template.ts';
import type { Resource } from '../resources/registry.ts';
import type { MockState } from '../state.ts';
import { isFormContentType } from './body.ts';
import { errorJson } from './reply.ts';
import { eventTypesAfterCreate } from '../webhooks/events.ts';

const toJson = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * Runs a create. Throws a StripeMockError when the request is refused before anything was made
 * (such a result is not saved for its idempotency key); returns the answer once an object exists,
 * including a created-then-declined payment intent's 402.
 */
export function runCreate(
  state: MockState,
  resource: Resource,
  request: { body: string; contentType: string | undefined; requestId: string; idempotencyKey: string | undefined },
): SavedAnswer {
  if (request.body !== '' && !isFormContentType(request.contentType)) {
    throw errors.unsupportedContentType(request.contentType ?? '');
  }
  const params = resource.parseCreate(parseForm(request.body));
  const find = (kind: Resource['kind'], id: string): StripeObject | undefined => {
    const json = state.store.json(kind, id);
    return json === undefined ? undefined : (JSON.parse(json) as StripeObject);
  };
  const outcome = resource.create(params, { now: Math.floor(Date.now() / 1000), find });
  for (const { kind, object } of outcome.related ?? []) state.store.put(kind, object.id, toJson(object));
  const json = toJson(outcome.object);
  state.store.put(resource.kind, outcome.object.id, json);
  if (request.idempotencyKey !== undefined) state.counters.created(request.idempotencyKey);
  const origin = { id: request.requestId, idempotency_key: request.idempotencyKey };
  for (const { kind, object } of outcome.related ?? []) {
    for (const type of eventTypesAfterCreate(kind, object, false)) state.webhooks.emit(type, object, origin);
  }
  for (const type of eventTypesAfterCreate(resource.kind, outcome.object, outcome.failure !== undefined)) {
    state.webhooks.emit(type, outcome.object, origin);
  }
  if (outcome.failure)
    return { status: outcome.failure.status, body: errorJson(outcome.failure), requestId: request.requestId };
  return { status: 200, body: json, requestId: request.requestId };
}

export function runRetrieve(state: MockState, resource: Resource, id: string, query: string): string {
  resource.parseRetrieve(parseForm(query));
  const json = state.store.json(resource.kind, id);
  if (json === undefined) throw errors.resourceMissing(resource.kind, id, resource.retrieveParam, 404);
  return json;
}

export const asStripeError = (error: unknown): StripeMockError | null =>
  error instanceof StripeMockError ? error : null;
