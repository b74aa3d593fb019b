import { z } from 'zod';
import { StripeKind } from './stripe-kind.ts';

/** Plain file names only: no separators, no `..`, no absolute paths. */
export const SCRIPT_FILE_PATTERN = /^[A-Za-z0-9_.-]+\.js$/;
/** Longer names are refused before they reach the file system (ENAMETOOLONG is not a user's error to read). */
export const MAX_NAME_LENGTH = 100;
export const ScriptFileName = z
  .string()
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
  .regex(SCRIPT_FILE_PATTERN, 'must be a plain file name like main.js ([A-Za-z0-9_.-]+.js)')
  .refine((name) => !name.includes('..'), 'must not contain ".."');

export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const NodeId = z.string().regex(NODE_ID_PATTERN, 'must be 1-64 characters of A-Z a-z 0-9 _ -');

/** Flow ids are folder names. */
export const FlowId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 _ -');
export type FlowId = z.infer<typeof FlowId>;

export const WorkerId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 _ . -');

export const Position = z.object({ x: z.number(), y: z.number() });

export const ScriptNode = z.object({
  id: NodeId,
  type: z.literal('script'),
  file: ScriptFileName,
  position: Position,
  /** Queue that entry executions of this node go to (Redis mode). */
  worker_id: WorkerId.optional(),
});
export type ScriptNode = z.infer<typeof ScriptNode>;

export const StripeNode = z.object({
  id: NodeId,
  type: z.literal('stripe'),
  kind: StripeKind,
  position: Position,
});
export type StripeNode = z.infer<typeof StripeNode>;

/** Environment variable names only: a secret's value never enters a flow file. */
export const SecretName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,127}$/, 'must be an environment variable name like STRIPE_WEBHOOK_SECRET');

/** A Stripe event type (`payment_intent.succeeded`), or `*` for every type. */
export const StripeEventType = z
  .string()
  .regex(/^(\*|[a-z_]+(\.[a-z_]+)+)$/, 'must be a Stripe event type like payment_intent.succeeded');

/** A second kind of entry: Stripe posts verified events of the listed types to `/api/hooks/:flow_id/:id` (SPEC §3). */
export const WebhookNode = z.object({
  id: NodeId,
  type: z.literal('webhook'),
  events: z.array(StripeEventType).min(1),
  /** Names the environment variable holding the endpoint's signing secret (`whsec_…`). */
  secret: SecretName,
  position: Position,
});
export type WebhookNode = z.infer<typeof WebhookNode>;

export const FlowNode = z.discriminatedUnion('type', [ScriptNode, StripeNode, WebhookNode]);
export type FlowNode = z.infer<typeof FlowNode>;
export type NodeType = FlowNode['type'];

export const EdgePort = z.enum(['response', 'error']);
export type EdgePort = z.infer<typeof EdgePort>;

export const FlowEdge = z.object({
  from: NodeId,
  to: NodeId,
  port: EdgePort.optional(),
});
export type FlowEdge = z.infer<typeof FlowEdge>;

export const FLOW_FILE_VERSION = 1;

export const FlowFile = z.object({
  version: z.literal(FLOW_FILE_VERSION),
  name: z.string().min(1).max(200),
  entry: NodeId,
  nodes: z.array(FlowNode),
  edges: z.array(FlowEdge),
});
export type FlowFile = z.infer<typeof FlowFile>;

/** A flow with its script texts: what a run snapshots, what the REST API sends. */
export const FlowBundle = z.object({
  flow: FlowFile,
  scripts: z.record(z.string(), z.string()),
});
export type FlowBundle = z.infer<typeof FlowBundle>;
