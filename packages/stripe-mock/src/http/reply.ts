import type { ServerResponse } from 'node:http';
import { STRIPE_API_VERSION } from '../constants.ts';
import type { StripeMockError } from '../errors.ts';

/** What every answer to one request carries, whatever its status. */
export interface ReplyContext {
  requestId: string;
  idempotencyKey: string | undefined;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  context: ReplyContext,
  extra?: Record<string, string>,
): void {
  if (res.destroyed) return;
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, no-store',
    'Request-Id': context.requestId,
    'Stripe-Version': STRIPE_API_VERSION,
  };
  if (context.idempotencyKey !== undefined) headers['Idempotency-Key'] = context.idempotencyKey;
  res.writeHead(status, extra ? { ...headers, ...extra } : headers);
  res.end(body);
}

export const errorJson = (error: StripeMockError): string => JSON.stringify(error.toBody(), null, 2);

export function sendError(res: ServerResponse, error: StripeMockError, context: ReplyContext): void {
  sendJson(res, error.status, errorJson(error), context);
}

/** A dropped connection: the socket closes without a byte of answer. */
export function dropConnection(res: ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}
