import { hash, randomUUID } from 'node:crypto';

/**
 * Short random ids with a readable prefix (`run_…`, `ex_…`): 72 random bits as 18 hex digits, no `:` so they are
 * valid BullMQ job ids. randomUUID draws from a cached batch of entropy; one randomBytes call per id showed in
 * the server's profile under load.
 */
export function newId(prefix: string): string {
  const uuid = randomUUID();
  return `${prefix}_${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(15, 18)}${uuid.slice(20, 23)}`;
}

/** Derived, not random: re-running the same execution yields the same request ids and idempotency keys. */
export function requestIdFor(executionId: string, index: number): string {
  return `req_${executionId}_${index}`;
}

export function idempotencyKeyFor(executionId: string, index: number): string {
  return `fireflow_${executionId}_${index}`;
}

/** The execution a Stripe call's answer dispatches: one per request, so a re-delivered answer dedupes. */
export function followUpExecutionIdFor(requestId: string): string {
  return `ex_${hash('sha256', requestId, 'base64url').slice(0, 16).replace(/[-_]/g, 'x')}`;
}
