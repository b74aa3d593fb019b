import type { ExecutionError, LogLevel, SecretRef, StripeKind } from '@fireflow/protocol';

/** Per-execution limits (SPEC §2). */
export interface SandboxLimits {
  /** CPU time budget of one execution. Default 1000. */
  cpuMs: number;
  /** Memory budget, enforced also for huge strings/buffers. Default 64 MiB. */
  memoryBytes: number;
  /** Stack budget. Default 1 MiB. */
  stackBytes: number;
  /** Log lines kept per execution; later ones are counted and dropped. Default 1,000. */
  logLines: number;
  /** Characters of log text kept per execution; the line that crosses it is cut with a marker. Default 256 KiB. */
  logChars: number;
  /** `create_async`/`create` calls per execution; one more throws. Default 1,000. */
  createCalls: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  cpuMs: 1000,
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 1024 * 1024,
  logLines: 1000,
  logChars: 256 * 1024,
  createCalls: 1000,
};

/** Longest single log line; a longer one is cut with a marker. */
export const MAX_LOG_LINE_CHARS = 65_536;

/** The read-only `execution` global. */
export interface ExecutionGlobal {
  id: string;
  run_id: string;
  context_id: string;
  worker_id: string;
  node_id: string;
  trigger: 'entry' | 'response' | 'error' | 'replay';
}

/**
 * Everything bound into one execution's globals. Data arrives as JSON *text* and is parsed inside the sandbox,
 * so it is never spliced into source and stays an inert value.
 */
export interface ScriptInputs {
  execution: ExecutionGlobal;
  /** Response execution: raw Stripe object text → `response_json`, parsed → `parsed_data`. */
  response_json?: string;
  /** Error execution: raw error body text → `error_json`, parsed → `parsed_error`. */
  error_json?: string;
  /** JSON text of `request` ({ id, kind, node_id, params, idempotency_key }) for response/error executions. */
  request_json?: string;
  /** Webhook execution: the verified Stripe event's text → `event_json`, parsed → `event`. */
  event_json?: string;
}

export interface ScriptTask {
  /** File name used in error locations, e.g. `main.js`. */
  file: string;
  source: string;
  inputs: ScriptInputs;
  limits?: Partial<SandboxLimits>;
}

/** One `create_async`/`create` call the script made, in call order. */
export interface RecordedRequest {
  kind: StripeKind;
  /** Stripe form params as a plain JSON object (nested objects/arrays allowed). */
  params: Record<string, unknown>;
  /** Chosen with `builder.node(id)`; null when not set. */
  node: string | null;
  /** create_async's first argument, or null for the default (current execution's). */
  worker_id: string | null;
  /** create_async's second argument, or null for the default. */
  context_id: string | null;
  /** `secret(name)` reference or a literal key string; default `{ type: 'secret', name: 'STRIPE_SECRET_KEY' }`. */
  secret: SecretRef;
}

export interface ScriptLog {
  level: LogLevel;
  message: string;
  ts: number;
}

export type ScriptResult =
  | { ok: true; logs: ScriptLog[]; requests: RecordedRequest[]; duration_ms: number }
  | { ok: false; logs: ScriptLog[]; requests: RecordedRequest[]; duration_ms: number; error: ExecutionError };

/** Runs scripts. Implementations: a worker-thread pool (default) and an inline one (same thread). */
export interface Sandbox {
  run(task: ScriptTask): Promise<ScriptResult>;
  close(): Promise<void>;
}

export interface SyntaxDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}
