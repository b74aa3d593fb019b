import { createHash, randomBytes } from 'node:crypto';

/** Short random ids with a readable prefix (`run_…`, `ex_…`); no `:` so they are valid BullMQ job ids. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
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
  return `ex_${createHash('sha256').update(requestId).digest('base64url').slice(0, 16).replace(/[-_]/g, 'x')}`;
}
