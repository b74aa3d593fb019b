import http from 'node:http';
import https from 'node:https';
import Stripe from 'stripe';
import { STRIPE_KIND_PATH, type StripeCallJob, type StripeErrorBody } from '@fireflow/protocol';

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

export type AttemptOutcome =
  | { kind: 'succeeded'; status: number; body: string; object_id: string | null; duration_ms: number }
  | { kind: 'failed'; status: number | null; error: StripeErrorBody; retryable: boolean; duration_ms: number };

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

function errorBodyOf(error: unknown): { status: number | null; body: StripeErrorBody } {
  if (error instanceof Stripe.errors.StripeError && typeof error.statusCode === 'number') {
    const raw = (error.raw ?? {}) as Record<string, unknown>;
    const { headers: _headers, statusCode: _status, requestId: _req, ...rest } = raw;
    return {
      status: error.statusCode,
      body: { error: { ...rest, type: String(raw.type ?? error.rawType ?? 'api_error') } },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: null, body: { error: { type: 'api_connection_error', message } } };
}

export function createStripeCaller(settings: StripeSettings): StripeCaller {
  const url = new URL(settings.baseUrl);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const agent =
    protocol === 'https'
      ? new https.Agent({ keepAlive: true, maxSockets: Infinity })
      : new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const client = new Stripe('sk_test_placeholder', {
    host: url.hostname,
    port: url.port === '' ? (protocol === 'https' ? 443 : 80) : Number(url.port),
    protocol,
    maxNetworkRetries: 0,
    timeout: settings.timeoutMs ?? 30_000,
    httpAgent: agent,
    telemetry: false,
  });
  const maxAttempts = settings.maxAttempts ?? 4;
  const base = settings.backoffBaseMs ?? 250;

  const resolveKey = (call: StripeCallJob): string | null =>
    call.secret.type === 'literal' ? call.secret.value : (settings.secrets[call.secret.name] ?? null);

  return {
    maxAttempts,
    retryDelayMs: (attempt) => Math.min(8_000, base * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4),
    close: () => agent.destroy(),
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
      try {
        const response = await client.rawRequest('POST', STRIPE_KIND_PATH[call.kind], call.params as never, {
          apiKey,
          idempotencyKey: call.idempotency_key,
        });
        const { lastResponse, ...object } = response as Record<string, unknown> & {
          lastResponse?: { statusCode?: number };
        };
        return {
          kind: 'succeeded',
          status: lastResponse?.statusCode ?? 200,
          body: JSON.stringify(object),
          object_id: typeof object.id === 'string' ? object.id : null,
          duration_ms: performance.now() - started,
        };
      } catch (error) {
        const { status, body } = errorBodyOf(error);
        return { kind: 'failed', status, error: body, retryable: isRetryableStatus(status), duration_ms: performance.now() - started };
      }
    },
  };
}
