/** Globals every execution has (SPEC §2). */
export const COMMON_GLOBALS = `/** An opaque reference to a server-side secret; its value never enters the script. */
interface SecretRef {
  readonly __secret: string;
}

/**
 * Writes one log line to the run. Strings are printed as is, other values as JSON; several values are
 * joined by spaces.
 * @example print(\`created \${parsed_data.id}\`)
 */
declare function print(...values: unknown[]): void;

/** Log lines with a level; each call is one line in the run log. */
declare const console: {
  /** A log line at level \`log\`. */
  log(...values: unknown[]): void;
  /** A log line at level \`info\`. */
  info(...values: unknown[]): void;
  /** A log line at level \`warn\`, highlighted in the run log. */
  warn(...values: unknown[]): void;
  /** A log line at level \`error\`, highlighted in the run log. */
  error(...values: unknown[]): void;
};

/** Parses JSON text into a value (like \`JSON.parse\`). Throws on invalid JSON. */
declare function parse_json(text: string): any;

/** Serialises a value as JSON text (like \`JSON.stringify\`). */
declare function to_json(value: unknown): string;

/** The current execution. Read-only. */
declare const execution: Readonly<{
  /** Unique id of this execution. */
  id: string;
  /** The run this execution belongs to. */
  run_id: string;
  /** Context carried from the execution that dispatched this one (\`create_async\`'s \`context_id\`). */
  context_id: string;
  /** Queue / worker that runs this execution. */
  worker_id: string;
  /** The script node being run. */
  node_id: string;
  /** Why it runs: \`entry\` (the flow started), \`response\` (Stripe answered) or \`error\` (Stripe refused or failed). */
  trigger: "entry" | "response" | "error";
}>;

/**
 * A reference to a server-side secret, e.g. \`secret("STRIPE_SECRET_KEY")\`. The value is resolved only by the
 * host when the HTTP call is made; it never enters the sandbox, any event, log or export.
 */
declare function secret(name: string): SecretRef;`;

export function requestDeclaration(kinds: string): string {
  return `/** The Stripe call this execution answers. */
declare const request: Readonly<{
  /** Request id (matches \`stripe.request.*\` events in the run log). */
  id: string;
  kind: ${kinds};
  /** The Stripe node that made the call. */
  node_id: string;
  /** The parameters sent (secrets redacted). */
  params: Record<string, unknown>;
  /** Idempotency-Key sent with the call; retries reuse it. */
  idempotency_key: string;
}>;`;
}
