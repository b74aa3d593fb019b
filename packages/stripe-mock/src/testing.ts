/** Helpers for this package's tests only (not exported from index.ts). */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { MOCK_SECRET_KEY } from './constants.ts';
import { startMockServer, type MockInternals } from './server.ts';
import type { StripeMock } from './types.ts';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  // Tests read arbitrary Stripe fields; the assertions are the type check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export const AUTH = { Authorization: `Bearer ${MOCK_SECRET_KEY}` };

export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${base}${path}`, {
    method,
    body,
    headers: {
      ...AUTH,
      ...(body === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
      ...headers,
    },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text === '' ? null : JSON.parse(text) };
}

/** `post(mock.url, '/v1/products', { name: 'x', 'metadata[a]': 'b' })`. */
export const post = (
  base: string,
  path: string,
  params: Record<string, string> | string,
  headers?: Record<string, string>,
) => call(base, 'POST', path, typeof params === 'string' ? params : new URLSearchParams(params).toString(), headers);

export const get = (base: string, path: string, headers?: Record<string, string>) =>
  call(base, 'GET', path, undefined, headers);

/** A latency seam a test releases by hand: `arrived()` resolves once a request is being held. */
export function manualDelay() {
  const held: (() => void)[] = [];
  let notify: (() => void) | undefined;
  return {
    delay: (_ms: number) =>
      new Promise<void>((resolve) => {
        held.push(resolve);
        notify?.();
      }),
    arrived: () => new Promise<void>((resolve) => (held.length > 0 ? resolve() : (notify = resolve))),
    releaseAll: () => held.splice(0).forEach((resolve) => resolve()),
  };
}

/** One mock per test file, reset before each test. */
export function useMock(internals: MockInternals = {}): { readonly mock: StripeMock; readonly url: string } {
  let mock: StripeMock | undefined;
  beforeAll(async () => {
    mock = await startMockServer({}, internals);
  });
  afterAll(async () => {
    await mock?.close();
  });
  beforeEach(() => mock?.reset());
  return {
    get mock() {
      if (!mock) throw new Error('useMock(): the mock starts in beforeAll');
      return mock;
    },
    get url() {
      return this.mock.url;
    },
  };
}
