import express, { type Express, type RequestHandler } from 'express';
import type { Dispatcher } from '@fireflow/engine';
import { errorMiddleware, notFound } from './http/errors.ts';
import { accessGuard, sessionRoutes } from './http/access.ts';
import { originGuard } from './http/guard.ts';
import { pathScrubber } from './http/scrub.ts';
import { DEFAULT_SSE_OPTIONS, SseRegistry, type SseOptions } from './http/sse.ts';
import { RunFeed } from './live/run-feed.ts';
import { consoleLogger, type Logger } from './logger.ts';
import type { RouteContext } from './routes/context.ts';
import { eventRoutes } from './routes/events.ts';
import { flowRoutes } from './routes/flows.ts';
import { fileDeliveries, type WebhookDeliveries } from './hooks/deliveries.ts';
import { hookRoutes } from './routes/hooks.ts';
import { metaRoutes } from './routes/meta.ts';
import { replayRoutes } from './routes/replay.ts';
import { runRoutes } from './routes/runs.ts';
import { translateError } from './routes/store-errors.ts';
import { sampleRoutes } from './routes/samples.ts';
import { transferRoutes } from './routes/transfer.ts';
import type { FlowStore } from './store/flow-store.ts';
import type { RunHistory } from './store/run-history.ts';
import { webHandlers } from './web.ts';

export interface AppOptions {
  /** The bound host (config.host): accepted in `Host` and `Origin` besides localhost / 127.0.0.1. */
  host: string;
  dispatcher: Dispatcher;
  flowStore: FlowStore;
  runHistory: RunHistory;
  /** Base URL of the Stripe API in use (shown by /api/health); never the key. */
  stripeBase: string;
  /** The built editor (`apps/web/dist`); null or missing → a page saying to run `pnpm build`. */
  webDir?: string | null;
  /** Extra origins allowed to change state, e.g. a dev server at http://localhost:5173. */
  allowedOrigins?: string[];
  /** Extra `Host` values accepted (DNS-rebinding guard), e.g. a machine name when bound to 0.0.0.0. */
  allowedHosts?: string[];
  sse?: Partial<SseOptions>;
  logger?: Logger;
  /** FIREFLOW_TOKEN: when set, /api (but health and webhooks) needs it as a bearer token or session cookie. */
  token?: string | null;
  /** Where webhook deliveries already seen are kept; default a file under the history's data folder. */
  webhookDeliveries?: WebhookDeliveries;
  /** Secrets of webhook endpoints registered by the server itself (built-in mock), by `flow_id/node_id`. */
  registeredWebhookSecrets?: ReadonlyMap<string, string>;
  /** Where webhook nodes' signing secrets are looked up by name; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface FireflowApp {
  app: Express;
  /** Ends every event stream and stops relaying dispatcher events (the dispatcher itself is not closed). */
  close(): void;
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

/** The Express app: /api routes, the built editor, one error handler. */
export function createApp(options: AppOptions): FireflowApp {
  const logger = options.logger ?? consoleLogger;
  const feed = new RunFeed(options.dispatcher, options.runHistory, { logger });
  void feed.catchUp(options.dispatcher);
  const streams = new SseRegistry();
  const ctx: RouteContext = {
    dispatcher: options.dispatcher,
    flowStore: options.flowStore,
    runHistory: options.runHistory,
    feed,
    streams,
    sse: { ...DEFAULT_SSE_OPTIONS, ...options.sse },
    stripeBase: options.stripeBase,
    logger,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders);
  app.use(
    originGuard({
      host: options.host,
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    }),
  );
  app.use(accessGuard(options.token ?? null));
  // Starting runs first: it is the hot path, and each router before it would match its routes against every request.
  app.use(runRoutes(ctx));
  app.use(
    hookRoutes(ctx, {
      deliveries: options.webhookDeliveries ?? fileDeliveries(options.runHistory.dataDir),
      env: options.env ?? process.env,
      ...(options.registeredWebhookSecrets ? { registered: options.registeredWebhookSecrets } : {}),
    }),
  );
  app.use(replayRoutes(ctx));
  app.use(sampleRoutes());
  app.use(metaRoutes(ctx));
  app.use(sessionRoutes(options.token ?? null));
  app.use(transferRoutes(ctx));
  app.use(flowRoutes(ctx));
  app.use(eventRoutes(ctx));
  app.use('/api', notFound);
  app.use(webHandlers(options.webDir ?? null));
  app.use(notFound);
  const scrub = pathScrubber([
    [options.flowStore.dir, 'the flow folder'],
    [options.runHistory.dataDir, 'the data folder'],
  ]);
  app.use(errorMiddleware(logger, (error) => scrub(translateError(error))));

  return {
    app,
    close() {
      streams.closeAll();
      feed.close();
    },
  };
}
