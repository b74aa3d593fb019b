import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../auth.ts';
import { errors, StripeMockError } from '../errors.ts';
import { parseForm, type FormValue } from '../form.ts';
import { newId } from '../ids.ts';
import type { MockState } from '../state.ts';
import { readBody } from './body.ts';
import { sendError, sendJson, type ReplyContext } from './reply.ts';

export const WEBHOOK_ENDPOINTS_PATH = '/v1/webhook_endpoints';

/** `enabled_events[]=a&enabled_events[]=b` and `enabled_events[0]=a` both decode to an index-keyed map. */
function stringList(value: FormValue | undefined): string[] | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return [value];
  const items = Object.values(value);
  return items.every((item): item is string => typeof item === 'string') ? items : null;
}

function parseCreate(body: string): { url: string; enabledEvents: string[]; description: string | null } {
  const form = parseForm(body);
  const url = form.url;
  if (url === undefined) throw errors.missingParam('url');
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url))
    throw errors.invalidState('Invalid URL: must be an http(s) URL.', 'url');
  const enabledEvents = stringList(form.enabled_events);
  if (form.enabled_events === undefined) throw errors.missingParam('enabled_events');
  if (!enabledEvents || enabledEvents.length === 0) throw errors.invalidArray('enabled_events');
  for (const key of Object.keys(form)) {
    if (!['url', 'enabled_events', 'description', 'api_version', 'metadata'].includes(key))
      throw errors.unknownParam(key);
  }
  const description = typeof form.description === 'string' ? form.description : null;
  return { url, enabledEvents, description };
}

export const isWebhookEndpointsPath = (path: string): boolean =>
  path === WEBHOOK_ENDPOINTS_PATH || path.startsWith(`${WEBHOOK_ENDPOINTS_PATH}/`);

/**
 * `POST /v1/webhook_endpoints` registers an endpoint (the answer carries its `whsec_…` secret); GET lists them;
 * `DELETE /v1/webhook_endpoints/:id` removes one.
 */
export async function handleWebhookEndpoints(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const context: ReplyContext = { requestId: newId.request(), idempotencyKey: undefined };
  try {
    const body = await readBody(req);
    authenticate(req.headers.authorization);
    if (path !== WEBHOOK_ENDPOINTS_PATH) {
      const id = path.slice(WEBHOOK_ENDPOINTS_PATH.length + 1);
      if (req.method !== 'DELETE') throw errors.unrecognizedUrl(req.method ?? 'GET', path);
      if (!state.webhooks.remove(id)) throw errors.resourceMissing('webhook_endpoint', id, 'webhook_endpoint', 404);
      return sendJson(res, 200, JSON.stringify({ id, object: 'webhook_endpoint', deleted: true }, null, 2), context);
    }
    if (req.method === 'GET') {
      const data = state.webhooks.list();
      const list = { object: 'list', data, has_more: false, url: WEBHOOK_ENDPOINTS_PATH };
      return sendJson(res, 200, JSON.stringify(list, null, 2), context);
    }
    if (req.method !== 'POST') throw errors.unrecognizedUrl(req.method ?? 'GET', WEBHOOK_ENDPOINTS_PATH);
    const { url, enabledEvents, description } = parseCreate(body);
    const endpoint = state.webhooks.register(url, enabledEvents, description);
    sendJson(res, 200, JSON.stringify(endpoint, null, 2), context);
  } catch (error) {
    if (error instanceof StripeMockError) return sendError(res, error, context);
    throw error;
  }
}
