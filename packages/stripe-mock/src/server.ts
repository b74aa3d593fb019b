import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MOCK_SECRET_KEY } from './constants.ts';
import { errors } from './errors.ts';
import { handleAdminRequest } from './http/admin.ts';
import { handleApiRequest } from './http/handle-api.ts';
import { sendError } from './http/reply.ts';
import { newId } from './ids.ts';
import { createMockState, resetMockState, type MockState } from './state.ts';
import type { StripeMock, StripeMockOptions } from './types.ts';
import { handleWebhookEndpoints, isWebhookEndpointsPath } from './http/webhook-endpoints.ts';
import type { WebhookHubOptions } from './webhooks/hub.ts';

/** Seams for tests: how "wait N ms" is done (a test can hold a request in flight deterministically). */
export interface MockInternals {
  delay?: (ms: number) => Promise<void>;
  webhooks?: WebhookHubOptions;
}

const checkLatency = (ms: number): number => {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`latency must be a non-negative number of milliseconds, got ${ms}`);
  return Math.round(ms);
};

export async function startMockServer(
  options: StripeMockOptions = {},
  internals: MockInternals = {},
): Promise<StripeMock> {
  const host = options.host ?? '127.0.0.1';
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  // After close() a delayed request is abandoned (its socket is gone): no timer may outlive the server.
  const timerDelay = (ms: number) =>
    new Promise<void>((resolve) => {
      if (closed) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const state = createMockState(
    checkLatency(options.latencyMs ?? 0),
    internals.delay ?? timerDelay,
    internals.webhooks,
  );
  const server = createServer((req, res) => route(state, req, res, options.log));
  // Longer than the clients' idle keep-alive, so the mock is never the side that closes mid-reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.log?.(`Stripe mock listening on ${url} (test key: ${MOCK_SECRET_KEY})`);

  return {
    url,
    port,
    counters: () => state.counters.snapshot(),
    setLatency: (ms) => void (state.settings.latencyMs = checkLatency(ms)),
    faults: { enqueue: (fault) => state.faults.enqueue(fault), clear: () => state.faults.clear() },
    reset: () => resetMockState(state),
    webhooksIdle: () => state.webhooks.idle(),
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        state.webhooks.close();
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function route(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  log: ((line: string) => void) | undefined,
): void {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const handled = path.startsWith('/_mock/')
    ? handleAdminRequest(state, req, res, path)
    : isWebhookEndpointsPath(path)
      ? handleWebhookEndpoints(state, req, res, path)
      : handleApiRequest(state, req, res, path, query < 0 ? '' : url.slice(query + 1));
  handled.catch((error: unknown) => {
    // A bug, not a Stripe answer: log it and answer like Stripe's own 500, without internals.
    log?.(
      `stripe-mock: unexpected error on ${req.method} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    if (res.headersSent) return void res.destroy();
    sendError(res, errors.apiError(), { requestId: newId.request(), idempotencyKey: undefined });
  });
}
