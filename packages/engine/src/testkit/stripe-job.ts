import type { StripeCallJob } from '@fireflow/protocol';
import type { AttemptOutcome } from '../stripe/caller.ts';

/** A product create call as a dispatcher hands it to the Stripe caller. */
export const stripeCallJob = (params: Record<string, unknown>, key = 'fireflow_ex_1_0'): StripeCallJob => ({
  run_id: 'run_1',
  flow_id: 'f',
  context_id: 'ctx_1',
  worker_id: 'default',
  request_id: 'req_ex_1_0',
  execution_id: 'ex_1',
  source_node_id: 'main',
  node_id: 'create_product',
  kind: 'product',
  params,
  idempotency_key: key,
  secret: { type: 'secret', name: 'STRIPE_SECRET_KEY' },
  depth: 0,
});

/** The failure of an attempt; throws if it succeeded, so a test reads as `failedOutcome(outcome).error`. */
export function failedOutcome(outcome: AttemptOutcome) {
  if (outcome.kind !== 'failed') throw new Error(`expected a failure, got ${outcome.status}`);
  return outcome;
}
