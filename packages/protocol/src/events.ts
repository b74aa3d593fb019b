import { z } from 'zod';
import { ExecutionError, StripeErrorBody } from './errors.ts';
import { StripeKind } from './stripe-kind.ts';
import { BodyCut, RecordedInput } from './inspect.ts';

/** `replay`: a script run again with recorded inputs, or alone with sample inputs (SPEC §8). */
export const Trigger = z.enum(['entry', 'response', 'error', 'replay']);
export type Trigger = z.infer<typeof Trigger>;

export const RunStatus = z.enum(['running', 'succeeded', 'failed']);
export type RunStatus = z.infer<typeof RunStatus>;

const base = {
  /** Orders the event within its run: 1, 2, 3, … */
  id: z.number().int().positive(),
  ts: z.number(),
  run_id: z.string(),
  context_id: z.string(),
};

export const RunTrigger = z.enum(['manual', 'webhook', 'replay']);
export type RunTrigger = z.infer<typeof RunTrigger>;

export const RunStarted = z.object({
  ...base,
  type: z.literal('run.started'),
  flow_id: z.string(),
  flow_name: z.string(),
  entry: z.string(),
  /** Absent in history written before replays existed: read as `manual`. */
  trigger: RunTrigger.optional(),
  /** A replay: the execution whose recorded inputs this run's entry got. */
  replay_of: z.string().optional(),
  /** A webhook run: the Stripe event that started it. */
  event_id: z.string().optional(),
  event_type: z.string().optional(),
});

export const ExecutionQueued = z.object({
  ...base,
  type: z.literal('execution.queued'),
  execution_id: z.string(),
  node_id: z.string(),
  file: z.string(),
  trigger: Trigger,
  parent_request_id: z.string().nullable(),
  worker_id: z.string(),
  depth: z.number().int().nonnegative(),
});

export const ExecutionStarted = z.object({
  ...base,
  type: z.literal('execution.started'),
  execution_id: z.string(),
  node_id: z.string(),
  /** What the script got (redacted); absent in older history. */
  input: RecordedInput.optional(),
});

export const LogLevel = z.enum(['log', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

export const ExecutionLog = z.object({
  ...base,
  type: z.literal('execution.log'),
  execution_id: z.string(),
  node_id: z.string(),
  level: LogLevel,
  message: z.string(),
});

export const ExecutionFinished = z.object({
  ...base,
  type: z.literal('execution.finished'),
  execution_id: z.string(),
  node_id: z.string(),
  duration_ms: z.number(),
});

export const ExecutionFailed = z.object({
  ...base,
  type: z.literal('execution.failed'),
  execution_id: z.string(),
  node_id: z.string(),
  duration_ms: z.number(),
  error: ExecutionError,
});

export const StripeRequestSent = z.object({
  ...base,
  type: z.literal('stripe.request.sent'),
  request_id: z.string(),
  execution_id: z.string(),
  node_id: z.string(),
  kind: StripeKind,
  method: z.literal('POST'),
  path: z.string(),
  params: z.record(z.string(), z.unknown()),
  idempotency_key: z.string(),
  attempt: z.number().int().positive(),
});

export const StripeRequestSucceeded = z.object({
  ...base,
  type: z.literal('stripe.request.succeeded'),
  request_id: z.string(),
  node_id: z.string(),
  status: z.number().int(),
  duration_ms: z.number(),
  object_id: z.string().nullable(),
  attempt: z.number().int().positive(),
  /** Stripe's answer (redacted, cut past the cap); absent in older history. */
  body: z.unknown().optional(),
  body_cut: BodyCut.optional(),
  /** Stripe's `Request-Id` response header: what Stripe support asks for. */
  stripe_request_id: z.string().nullable().optional(),
});

export const StripeRequestFailed = z.object({
  ...base,
  type: z.literal('stripe.request.failed'),
  request_id: z.string(),
  node_id: z.string(),
  status: z.number().int().nullable(),
  error: StripeErrorBody,
  duration_ms: z.number(),
  attempt: z.number().int().positive(),
  final: z.boolean(),
  /** When not final: how long until the next attempt. */
  retry_in_ms: z.number().nullable(),
  /** Set when `error` was larger than the cap and only its one-line fields were kept. */
  body_cut: BodyCut.optional(),
  stripe_request_id: z.string().nullable().optional(),
});

export const RunCounts = z.object({
  executions: z.number().int().nonnegative(),
  failed_executions: z.number().int().nonnegative(),
  stripe_calls: z.number().int().nonnegative(),
  stripe_failures: z.number().int().nonnegative(),
});
export type RunCounts = z.infer<typeof RunCounts>;

export const RunSettled = z.object({
  ...base,
  type: z.literal('run.settled'),
  status: z.enum(['succeeded', 'failed']),
  counts: RunCounts,
  duration_ms: z.number(),
});

export const DispatchEvent = z.discriminatedUnion('type', [
  RunStarted,
  ExecutionQueued,
  ExecutionStarted,
  ExecutionLog,
  ExecutionFinished,
  ExecutionFailed,
  StripeRequestSent,
  StripeRequestSucceeded,
  StripeRequestFailed,
  RunSettled,
]);
export type DispatchEvent = z.infer<typeof DispatchEvent>;
export type DispatchEventType = DispatchEvent['type'];
export type EventOf<T extends DispatchEventType> = Extract<DispatchEvent, { type: T }>;

/** An event before the run's sequencer gives it an `id`. */
export type DispatchEventInput = DispatchEvent extends infer E
  ? E extends DispatchEvent
    ? Omit<E, 'id'>
    : never
  : never;

export function exhaustiveSwitchError(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
