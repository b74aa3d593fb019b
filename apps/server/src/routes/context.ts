import type { Dispatcher } from '@fireflow/engine';
import type { SseOptions, SseRegistry } from '../http/sse.ts';
import type { RunFeed } from '../live/run-feed.ts';
import type { Logger } from '../logger.ts';
import type { FlowStore } from '../store/flow-store.ts';
import type { RunHistory } from '../store/run-history.ts';

/** What every route module is built from; constructed once per app, never module state. */
export interface RouteContext {
  dispatcher: Dispatcher;
  flowStore: FlowStore;
  runHistory: RunHistory;
  feed: RunFeed;
  streams: SseRegistry;
  sse: SseOptions;
  /** Base URL of the Stripe API in use; the key never leaves the server. */
  stripeBase: string;
  logger: Logger;
}
