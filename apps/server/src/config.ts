import path from 'node:path';
import type { RunBudgets } from '@fireflow/engine';
import { BudgetConfigError, budgetsFromEnv, historyBytesFromEnv } from './budgets-config.ts';

/** Everything a command needs from the environment and its flags; a flag of the same meaning wins (SPEC §1). */
export interface FireflowConfig {
  port: number;
  host: string;
  flowsDir: string;
  dataDir: string;
  redisUrl: string | null;
  /** Any Stripe-compatible base URL; wins over the built-in mock and over api.stripe.com. */
  stripeBase: string | null;
  stripeSecretKey: string | null;
  /** FIREFLOW_TOKEN: the access token /api asks for (SPEC §8 "Access"); required off loopback. */
  token: string | null;
  /** Per-run budgets set in the environment (`FIREFLOW_RUN_MAX_*`); the rest keep their defaults. */
  budgets: Partial<RunBudgets>;
  /** Run history per flow on disk, in bytes (`FIREFLOW_HISTORY_MAX_BYTES`); undefined: the default. */
  historyMaxBytes: number | undefined;
}

export interface ConfigFlags {
  port?: string | undefined;
  host?: string | undefined;
  flows?: string | undefined;
  data?: string | undefined;
  redis?: string | undefined;
  'stripe-base'?: string | undefined;
}

export class ConfigError extends Error {}

function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseBaseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL like http://127.0.0.1:12111, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http or https URL, got "${value}"`);
  }
  return url.origin;
}

export function resolveConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}, cwd = process.cwd()): FireflowConfig {
  const pick = (flag: string | undefined, envName: string): string | undefined => {
    const value = flag ?? env[envName];
    return value === undefined || value === '' ? undefined : value;
  };
  const port = pick(flags.port, 'PORT');
  const stripeBase = pick(flags['stripe-base'], 'STRIPE_API_BASE');
  const flowsDir = path.resolve(cwd, pick(flags.flows, 'FIREFLOW_FLOWS_DIR') ?? 'flows');
  let budgets: Partial<RunBudgets>;
  let historyMaxBytes: number | undefined;
  try {
    budgets = budgetsFromEnv(env);
    historyMaxBytes = historyBytesFromEnv(env);
  } catch (error) {
    if (error instanceof BudgetConfigError) throw new ConfigError(error.message);
    throw error;
  }
  return {
    port: port === undefined ? 5178 : parsePort(port, flags.port ? '--port' : 'PORT'),
    host: pick(flags.host, 'HOST') ?? '127.0.0.1',
    flowsDir,
    dataDir: path.resolve(cwd, pick(flags.data, 'FIREFLOW_DATA_DIR') ?? '.fireflow'),
    redisUrl: pick(flags.redis, 'REDIS_URL') ?? null,
    stripeBase:
      stripeBase === undefined
        ? null
        : parseBaseUrl(stripeBase, flags['stripe-base'] ? '--stripe-base' : 'STRIPE_API_BASE'),
    stripeSecretKey: pick(undefined, 'STRIPE_SECRET_KEY') ?? null,
    token: pick(undefined, 'FIREFLOW_TOKEN') ?? null,
    budgets,
    historyMaxBytes,
  };
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** Off loopback, anyone who can reach the port could start Stripe calls: a token is not optional there. */
export function checkAccess(config: Pick<FireflowConfig, 'host' | 'token'>): void {
  if (config.token === null && !isLoopbackHost(config.host)) {
    throw new ConfigError(
      `refusing to listen on ${config.host} without FIREFLOW_TOKEN: set it to a long random secret (clients send it as Authorization: Bearer <token>), or bind to 127.0.0.1`,
    );
  }
}
