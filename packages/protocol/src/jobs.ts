import { z } from 'zod';
import { StripeKind } from './stripe-kind.ts';

/** A reference to a server-side secret; the value never travels in a job. */
export const SecretRef = z.discriminatedUnion('type', [
  z.object({ type: z.literal('secret'), name: z.string().min(1) }),
  /** A literal key a script passed; kept only in host memory / queue payloads, redacted everywhere else. */
  z.object({ type: z.literal('literal'), value: z.string() }),
]);
export type SecretRef = z.infer<typeof SecretRef>;

/** What a dispatched script sees as `request`. */
export const RequestInfo = z.object({
  id: z.string(),
  kind: StripeKind,
  node_id: z.string(),
  params: z.record(z.string(), z.unknown()),
  idempotency_key: z.string(),
});
export type RequestInfo = z.infer<typeof RequestInfo>;

export const ExecutionInput = z.discriminatedUnion('trigger', [
  /** `event_json`: the verified Stripe event of a run a webhook started. */
  z.object({ trigger: z.literal('entry'), event_json: z.string().optional() }),
  z.object({ trigger: z.literal('response'), request: RequestInfo, response_json: z.string() }),
  z.object({ trigger: z.literal('error'), request: RequestInfo, error_json: z.string() }),
  /** A script run alone with given inputs: a replay, or the editor's sample data. */
  z.object({
    trigger: z.literal('replay'),
    request: RequestInfo.optional(),
    response_json: z.string().optional(),
    error_json: z.string().optional(),
    event_json: z.string().optional(),
  }),
]);
export type ExecutionInput = z.infer<typeof ExecutionInput>;

/** One script execution: carries everything a worker anywhere needs, except the flow snapshot (by run_id). */
export const ExecutionJob = z.object({
  run_id: z.string(),
  flow_id: z.string(),
  context_id: z.string(),
  execution_id: z.string(),
  worker_id: z.string(),
  node_id: z.string(),
  depth: z.number().int().nonnegative(),
  parent_request_id: z.string().nullable(),
  input: ExecutionInput,
});
export type ExecutionJob = z.infer<typeof ExecutionJob>;

/** One Stripe create call recorded by a script, made by the host after the script returned. */
export const StripeCallJob = z.object({
  run_id: z.string(),
  flow_id: z.string(),
  context_id: z.string(),
  /** Queue whose worker runs the response/error script. */
  worker_id: z.string(),
  request_id: z.string(),
  execution_id: z.string(),
  /** The script node that fired the call. */
  source_node_id: z.string(),
  /** The Stripe node that handles it. */
  node_id: z.string(),
  kind: StripeKind,
  params: z.record(z.string(), z.unknown()),
  idempotency_key: z.string(),
  secret: SecretRef,
  /** Depth of the execution that fired the call. */
  depth: z.number().int().nonnegative(),
});
export type StripeCallJob = z.infer<typeof StripeCallJob>;
