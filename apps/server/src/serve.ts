import { fileURLToPath } from 'node:url';
import { checkAccess, ConfigError, resolveConfig, type FireflowConfig } from './config.ts';
import { startRuntimeOrExitCode } from './dispatcher.ts';
import { UsageError, parseCommandArgs } from './cli/args.ts';
import { consoleLogger } from './logger.ts';
import { startServer } from './server.ts';
import { Redis } from 'ioredis';
import { redisDeliveries } from './hooks/deliveries.ts';
import { autoRegisterWebhooks } from './hooks/mock-autoregister.ts';
import { FlowStore } from './store/flow-store.ts';
import { RunHistory } from './store/run-history.ts';

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  flows: { type: 'string' },
  data: { type: 'string' },
  redis: { type: 'string' },
  'stripe-base': { type: 'string' },
} as const;

const USAGE =
  'usage: fireflow serve [--port 5178] [--host 127.0.0.1] [--flows ./flows] [--data ./.fireflow] [--redis URL] [--stripe-base URL]';

const WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function listenFailure(code: 'EADDRINUSE' | 'EACCES', config: FireflowConfig): string {
  const where = `${config.host}:${config.port}`;
  const what =
    code === 'EADDRINUSE'
      ? `${where} is already in use (is Fireflow already running?)`
      : `no permission to listen on ${where}`;
  return `${what}; choose another port with --port N or PORT=N`;
}

function readConfig(argv: string[]): FireflowConfig {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (positionals.length > 0) throw new UsageError(USAGE);
  const config = resolveConfig(process.env, values);
  checkAccess(config);
  return config;
}

/** `fireflow serve`: config → Stripe target → dispatcher → HTTP server; SIGINT/SIGTERM stop it gracefully. */
export async function serveCommand(argv: string[]): Promise<number> {
  let config: FireflowConfig;
  try {
    config = readConfig(argv);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    process.stderr.write(`fireflow serve: ${error.message}\n`);
    return 2;
  }
  const log = consoleLogger;
  const runtime = await startRuntimeOrExitCode(config, 'serve');
  if (typeof runtime === 'number') return runtime;
  const { dispatcher } = runtime;
  const flowStore = await FlowStore.open(config.flowsDir, { logger: log });
  const runHistory = await RunHistory.open({
    dataDir: config.dataDir,
    onUnfinished: dispatcher.kind === 'redis' ? 'resume' : 'interrupt',
    ...(config.historyMaxBytes === undefined ? {} : { maxBytesPerFlow: config.historyMaxBytes }),
    logger: log,
  });
  // Several instances share one Redis: the webhook dedupe must live there too, not in one instance's data folder.
  const mockSecrets = new Map<string, string>();
  const hookRedis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
  // The dispatcher already reports Redis going away; this client only reconnects quietly.
  hookRedis?.on('error', () => undefined);
  let server;
  try {
    server = await startServer({
      host: config.host,
      port: config.port,
      dispatcher,
      flowStore,
      runHistory,
      stripeBase: runtime.stripeBase,
      webDir: WEB_DIR,
      // Not in SPEC §1 yet: for a dev server on another port, or a machine name when bound to 0.0.0.0.
      allowedOrigins: list(process.env.FIREFLOW_ALLOWED_ORIGINS),
      allowedHosts: list(process.env.FIREFLOW_ALLOWED_HOSTS),
      token: config.token,
      logger: log,
      ...(hookRedis ? { webhookDeliveries: redisDeliveries(hookRedis) } : {}),
      registeredWebhookSecrets: mockSecrets,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    process.stderr.write(`fireflow serve: ${listenFailure(code, config)}\n`);
    hookRedis?.disconnect();
    await runHistory.close();
    flowStore.close();
    await runtime.close();
    return 1;
  }

  log.info(`Stripe: ${runtime.stripeDescription}`);
  log.info(`Dispatcher: ${dispatcher.kind}`);
  log.info(`Flows: ${config.flowsDir}  History: ${config.dataDir}`);
  if (config.token !== null) log.info('Access: /api needs FIREFLOW_TOKEN (except /api/health and /api/hooks/…).');
  log.info(`Fireflow is listening on ${server.url}`);
  // The built-in mock sends its webhooks back here: the offline loop works with no setup.
  const autoHooks = runtime.mock ? autoRegisterWebhooks(runtime.mock, server.url, flowStore, mockSecrets, log) : null;

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn(`${signal} again: exiting now.`);
        process.exit(130);
      }
      stopping = true;
      log.info(`${signal}: shutting down (running executions get up to 5 s)…`);
      autoHooks?.stop();
      void server
        .close()
        .then(() => runtime.close())
        .then(() => hookRedis?.disconnect())
        .then(
          () => resolve(0),
          (error: unknown) => {
            log.error('shutdown failed', error);
            resolve(1);
          },
        )
        .finally(() => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
