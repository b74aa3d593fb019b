import http from 'node:http';
import https from 'node:https';
import { createAgentSet } from './agents.ts';
import { STRIPE_KIND_PATH, type StripeCallJob, type StripeErrorBody } from '@fireflow/protocol';
import { encodeStripeForm } from './form.ts';

/** The API version Fireflow's types and the built-in mock follow (SPEC §10), sent on every call. */
export const STRIPE_API_VERSION = '2023-08-16';
const USER_AGENT = 'Fireflow/1.0';

/** Where Stripe calls go and how they are retried. Built once, handed down (no module state). */
export interface StripeSettings {
  /** e.g. `https://api.stripe.com` or `http://127.0.0.1:12111`. */
  baseUrl: string;
  /** Values for `secret(name)`; resolved only here, at call time. */
  secrets: Readonly<Record<string, string | undefined>>;
  /** Attempts per call including the first (default 4). */
  maxAttempts?: number;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** First retry delay; doubles each attempt (default 250 ms, capped at 8 s). */
  backoffBaseMs?: number;
}

/** `stripe_request_id`: Stripe's `Request-Id` header, when an answer came. */
export type AttemptOutcome =
  | {
      kind: 'succeeded';
      status: number;
      body: string;
      object_id: string | null;
      duration_ms: number;
      stripe_request_id?: string | null;
    }
  | {
      kind: 'failed';
      status: number | null;
      error: StripeErrorBody;
      retryable: boolean;
      duration_ms: number;
      stripe_request_id?: string | null;
    };

export interface StripeCaller {
  readonly maxAttempts: number;
  attempt(call: StripeCallJob): Promise<AttemptOutcome>;
  retryDelayMs(attempt: number): number;
  close(): void;
}

/** Connection errors, timeouts, 409, 429 and 5xx are worth another try with the same key (SPEC §3). */
export function isRetryableStatus(status: number | null): boolean {
  return status === null || status === 409 || status === 429 || status >= 500;
}

const STRING_FIELDS = ['code', 'decline_code', 'message', 'param'] as const;

/** Stripe's `{ error }` body as it came, or a synthesized `api_error` when the body is not one. */
export function errorBodyOf(status: number, text: string): StripeErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: unknown } | undefined)?.error;
  if (error === null || typeof error !== 'object' || Array.isArray(error)) {
    return { error: { type: 'api_error', message: `Stripe answered HTTP ${status} without an error body` } };
  }
  const fields = { ...(error as Record<string, unknown>) };
  for (const key of STRING_FIELDS) if (typeof fields[key] !== 'string') delete fields[key];
  return { error: { ...fields, type: typeof fields.type === 'string' ? fields.type : 'api_error' } };
}

/** The object's `id`, read without parsing the whole body when it comes first (as Stripe sends it). */
function objectIdOf(text: string): string | null {
  const leading = /^\s*\{\s*"id"\s*:\s*"([^"\\]*)"/.exec(text);
  if (leading) return leading[1]!;
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

interface RawAnswer {
  status: number;
  body: string;
  requestId: string | null;
}

/**
 * Stripe's HTTP API spoken directly: one form-encoded POST per attempt over a keep-alive agent, the answer kept
 * as the raw text scripts get as `response_json`. (The official client parses every answer into objects with
 * promise and generator chains around it; at 10,000 calls in flight that was ~5 KB of heap and most of the
 * per-call CPU. Retries stay ours, so each attempt is visible as an event with the same idempotency key.)
 */
export function createStripeCaller(settings: StripeSettings): StripeCaller {
  const url = new URL(settings.baseUrl);
  const secure = url.protocol === 'https:';
  const transport = secure ? https : http;
  const agents = createAgentSet(secure);
  const basePath = url.pathname.replace(/\/$/, '');
  const timeoutMs = settings.timeoutMs ?? 30_000;
  const maxAttempts = settings.maxAttempts ?? 4;
  const base = settings.backoffBaseMs ?? 250;

  const resolveKey = (call: StripeCallJob): string | null =>
    call.secret.type === 'literal' ? call.secret.value : (settings.secrets[call.secret.name] ?? null);

  const post = (path: string, apiKey: string, idempotencyKey: string, form: string): Promise<RawAnswer> =>
    new Promise((resolve, reject) => {
      const lease = agents.acquire();
      const request = transport.request({
        agent: lease.agent,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        method: 'POST',
        path: basePath + path,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${apiKey}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(form),
          'Idempotency-Key': idempotencyKey,
          'Stripe-Version': STRIPE_API_VERSION,
          'User-Agent': USER_AGENT,
        },
      });
      request.setTimeout(timeoutMs, () =>
        request.destroy(new Error(`no answer from Stripe within ${timeoutMs} ms (${url.host})`)),
      );
      request.on('close', lease.release);
      request.on('error', reject);
      request.on('response', (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        const requestId = response.headers['request-id'];
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body,
            requestId: typeof requestId === 'string' ? requestId : null,
          }),
        );
        response.on('error', reject);
      });
      request.end(form);
    });

  return {
    maxAttempts,
    retryDelayMs: (attempt) => Math.min(8_000, base * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4),
    close: () => agents.destroy(),
    async attempt(call) {
      const started = performance.now();
      const apiKey = resolveKey(call);
      if (apiKey === null) {
        const name = call.secret.type === 'secret' ? call.secret.name : '';
        return {
          kind: 'failed',
          status: null,
          retryable: false,
          duration_ms: 0,
          error: { error: { type: 'authentication_error', message: `Secret "${name}" is not set on the server.` } },
        };
      }
      let answer: RawAnswer;
      try {
        answer = await post(STRIPE_KIND_PATH[call.kind], apiKey, call.idempotency_key, encodeStripeForm(call.params));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message = `could not reach Stripe at ${url.host}: ${reason}`;
        const body = { error: { type: 'api_connection_error', message } };
        return { kind: 'failed', status: null, error: body, retryable: true, duration_ms: performance.now() - started };
      }
      const duration_ms = performance.now() - started;
      const { status, body, requestId: stripe_request_id } = answer;
      if (status >= 200 && status < 300) {
        return { kind: 'succeeded', status, body, object_id: objectIdOf(body), duration_ms, stripe_request_id };
      }
      return {
        kind: 'failed',
        status,
        error: errorBodyOf(status, body),
        retryable: isRetryableStatus(status),
        duration_ms,
        stripe_request_id,
      };
    },
  };
}
