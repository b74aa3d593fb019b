import { z } from 'zod';
import { FlowFile, FlowId, NodeId } from './flow.ts';
import { StripeKind } from './stripe-kind.ts';
import { DispatchEvent, RunCounts, RunStatus } from './events.ts';
import { ScriptRunInput } from './inspect.ts';

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof ApiError>;

export const Health = z.object({
  ok: z.literal(true),
  dispatcher: z.enum(['in-process', 'redis']),
  stripe: z.string(),
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
});
export type RunSummary = z.infer<typeof RunSummary>;
export const RunList = z.array(RunSummary);
export const RunDetail = RunSummary.extend({ events: z.array(DispatchEvent) });
export type RunDetail = z.infer<typeof RunDetail>;

export const ImportResult = z.object({ id: FlowId });

/** Server → browser notice on the flow stream when files change on disk. */
export const FlowChanged = z.object({ flow_id: z.string(), ts: z.number() });
export type FlowChanged = z.infer<typeof FlowChanged>;
