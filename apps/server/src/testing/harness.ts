import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Dispatcher } from '@fireflow/engine';
import type { WebhookDeliveries } from '../hooks/deliveries.ts';
import type { SseOptions } from '../http/sse.ts';
import { silentLogger } from '../logger.ts';
import { startServer, type RunningServer } from '../server.ts';
import { FlowStore } from '../store/flow-store.ts';
import { RunHistory } from '../store/run-history.ts';

export interface TestServer {
  url: string;
  port: number;
  flowsDir: string;
  dataDir: string;
  server: RunningServer;
  flowStore: FlowStore;
  /** Stops the server; `keepDirs` leaves the folders for a restart on the same data. */
  stop(options?: { keepDirs?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  dispatcher: Dispatcher;
  flowsDir?: string;
  dataDir?: string;
  sse?: Partial<SseOptions>;
  webDir?: string | null;
  /** FIREFLOW_TOKEN for this server. */
  token?: string;
  /** The environment webhook secrets are read from (default process.env). */
  env?: Record<string, string | undefined>;
  webhookDeliveries?: WebhookDeliveries;
  registeredWebhookSecrets?: ReadonlyMap<string, string>;
}

/** The real server on a free port, with a temp flows folder and data dir. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const flowsDir = options.flowsDir ?? (await mkdtemp(path.join(tmpdir(), 'fireflow-flows-')));
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'fireflow-data-')));
  const flowStore = await FlowStore.open(flowsDir, { debounceMs: 50, logger: silentLogger });
  const runHistory = await RunHistory.open({ dataDir, logger: silentLogger });
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dispatcher: options.dispatcher,
    flowStore,
    runHistory,
    stripeBase: 'http://127.0.0.1:9',
    webDir: options.webDir ?? null,
    logger: silentLogger,
    shutdownGraceMs: 1_000,
    ...(options.sse ? { sse: options.sse } : {}),
    ...(options.token ? { token: options.token } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.webhookDeliveries ? { webhookDeliveries: options.webhookDeliveries } : {}),
    ...(options.registeredWebhookSecrets ? { registeredWebhookSecrets: options.registeredWebhookSecrets } : {}),
  });
  return {
    url: server.url,
    port: server.port,
    flowsDir,
    dataDir,
    server,
    flowStore,
    async stop(stopOptions = {}) {
      await server.close();
      if (!stopOptions.keepDirs) {
        await rm(flowsDir, { recursive: true, force: true });
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
