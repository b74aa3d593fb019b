import { z } from 'zod';
import { FlowFile, FlowId, NodeId } from './flow.ts';
import { StripeKind } from './stripe-kind.ts';
import { DispatchEvent, RunCounts, RunStatus, RunTrigger } from './events.ts';
import { ScriptRunInput } from './inspect.ts';

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof ApiError>;

export const Health = z.object({
  ok: z.literal(true),
  dispatcher: z.enum(['in-process', 'redis']),
  stripe: z.string(),
  /** Redis mode: whether Redis can be reached right now. */
  redis: z.enum(['up', 'down']).optional(),
  /** In-process mode: sandbox threads that died and could not be started again (0 when all is well). */
  sandbox_spawn_failures: z.number().int().nonnegative().optional(),
});
export type Health = z.infer<typeof Health>;

export const FlowSummary = z.object({ id: FlowId, name: z.string(), updated_at: z.string() });
export type FlowSummary = z.infer<typeof FlowSummary>;
export const FlowList = z.array(FlowSummary);

export const FlowTemplate = z.enum(['blank', ...StripeKind.options, 'chained']);
export type FlowTemplate = z.infer<typeof FlowTemplate>;

export const CreateFlowBody = z.object({
  id: FlowId,
  name: z.string().min(1).max(200),
  template: FlowTemplate.optional(),
});
export type CreateFlowBody = z.infer<typeof CreateFlowBody>;

/** Script texts keyed by file name; at most 1 MiB each is enforced by the server. */
export const FlowDocument = z.object({
  id: FlowId,
  flow: FlowFile,
  scripts: z.record(z.string(), z.string()),
  /** Graph problems of a flow that still opens, so the editor can show and fix them. */
  diagnostics: z.array(z.lazy(() => Diagnostic)).optional(),
  /** The content's version, the same value as the `ETag` (unquoted): send it back as `If-Match` to save. */
  version: z.string().optional(),
});
export type FlowDocument = z.infer<typeof FlowDocument>;

export const PutFlowBody = z.object({
  flow: FlowFile,
  scripts: z.record(z.string(), z.string()),
});
export type PutFlowBody = z.infer<typeof PutFlowBody>;

export const Diagnostic = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
  severity: z.enum(['error', 'warning']).default('error'),
});
export type Diagnostic = z.infer<typeof Diagnostic>;
export const ValidateResult = z.object({ diagnostics: z.array(Diagnostic) });
export type ValidateResult = z.infer<typeof ValidateResult>;

export const StartRunBody = z.object({
  entry: NodeId.optional(),
  /** Run this one script node alone with `input` (the editor's "Run with sample data"). */
  node: NodeId.optional(),
  input: ScriptRunInput.optional(),
});
export type StartRunBody = z.infer<typeof StartRunBody>;
export const StartRunAccepted = z.object({ run_id: z.string() });
export const StartRunSettled = z.object({
  run_id: z.string(),
  status: z.enum(['succeeded', 'failed']),
  duration_ms: z.number(),
});

export const RunSummary = z.object({
  run_id: z.string(),
  flow_id: z.string(),
  status: RunStatus,
  started_at: z.string(),
  duration_ms: z.number().nullable(),
  counts: RunCounts.nullable(),
  /** The server stopped while the run was going (in-process mode): it will never settle. */
  interrupted: z.boolean().optional(),
  /** History kept only the first events of a very long run. */
  truncated: z.boolean().optional(),
  /** The run's first failure, one line: a script's error or a Stripe call's final error (handled or not). */
  first_error: z.string().optional(),
  /** What started it, when not a manual run: a webhook (with its event's type) or a replay. */
  trigger: RunTrigger.optional(),
  event_type: z.string().optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;
export const RunList = z.array(RunSummary);
export const RunDetail = RunSummary.extend({ events: z.array(DispatchEvent) });
export type RunDetail = z.infer<typeof RunDetail>;

export const ImportResult = z.object({ id: FlowId });

/** Server → browser notice on the flow stream for every save, from the API or on disk. */
export const FlowChanged = z.object({
  flow_id: z.string(),
  ts: z.number(),
  /** The flow's version after the change; absent when the flow is gone or cannot be read. */
  version: z.string().optional(),
});
export type FlowChanged = z.infer<typeof FlowChanged>;

/**
 * `details` of a 412 FLOW_CONFLICT: the flow's version now and the flow itself (null when its files do not read as
 * one), so a client can diff, reload, or overwrite by sending that version as `If-Match`.
 */
export const FlowConflictDetails = z.object({ version: z.string(), current: FlowDocument.nullable() });
export type FlowConflictDetails = z.infer<typeof FlowConflictDetails>;

/** `details` of a 409 FLOW_EXISTS from an import: the id that is taken and a free one like it. */
export const ImportConflictDetails = z.object({ id: FlowId, suggestion: FlowId.optional() });
export type ImportConflictDetails = z.infer<typeof ImportConflictDetails>;

/** `POST /api/session`: trades the access token for a session cookie (EventSource cannot send headers). */
export const SessionBody = z.object({ token: z.string().min(1).max(1024) });
export type SessionBody = z.infer<typeof SessionBody>;
/** `GET /api/session`: answered only to a caller that is let in (401 otherwise). */
export const SessionInfo = z.object({ token_required: z.boolean() });
export type SessionInfo = z.infer<typeof SessionInfo>;
