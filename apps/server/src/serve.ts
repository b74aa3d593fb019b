import { fileURLToPath } from 'node:url';
import { ConfigError, resolveConfig, type FireflowConfig } from './config.ts';
import { startRuntimeOrExitCode } from './dispatcher.ts';
import { UsageError, parseCommandArgs } from './cli/args.ts';
import { consoleLogger } from './logger.ts';
import { startServer } from './server.ts';
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
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readConfig(argv: string[]): FireflowConfig {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (positionals.length > 0) throw new UsageError(USAGE);
  return resolveConfig(process.env, values);
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
  const server = await startServer({
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
    logger: log,
  });

  log.info(`Stripe: ${runtime.stripeDescription}`);
  log.info(`Dispatcher: ${dispatcher.kind}`);
  log.info(`Flows: ${config.flowsDir}  History: ${config.dataDir}`);
  if (!LOOPBACK_HOSTS.has(config.host)) {
    log.warn(`Listening on ${config.host}: anyone who can reach it can edit flows and start Stripe calls.`);
  }
  log.info(`Fireflow is listening on ${server.url}`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn(`${signal} again: exiting now.`);
        process.exit(130);
      }
      stopping = true;
      log.info(`${signal}: shutting down (running executions get up to 5 s)…`);
      void server
        .close()
        .then(() => runtime.close())
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
