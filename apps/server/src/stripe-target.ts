import { startStripeMock, MOCK_SECRET_KEY, type StripeMock } from '@fireflow/stripe-mock';
import { redactKey, type StripeSettings } from '@fireflow/engine';
import type { FireflowConfig } from './config.ts';

export interface StripeTarget {
  settings: StripeSettings;
  /** For the start-up log and /api/health: never contains a secret. */
  description: string;
  baseUrl: string;
  /** The built-in mock, when that is the target: its webhooks can be wired to this process. */
  mock?: StripeMock;
  close(): Promise<void>;
}

/** STRIPE_API_BASE wins; else a key means real Stripe; else the built-in mock on a loopback port (SPEC §1). */
export async function startStripeTarget(config: FireflowConfig): Promise<StripeTarget> {
  if (config.stripeBase) {
    const key = config.stripeSecretKey ?? MOCK_SECRET_KEY;
    return {
      settings: { baseUrl: config.stripeBase, secrets: { STRIPE_SECRET_KEY: key } },
      description: `Stripe-compatible API at ${config.stripeBase} (key ${redactKey(key)})`,
      baseUrl: config.stripeBase,
      close: async () => {},
    };
  }
  if (config.stripeSecretKey) {
    const base = 'https://api.stripe.com';
    return {
      settings: { baseUrl: base, secrets: { STRIPE_SECRET_KEY: config.stripeSecretKey } },
      description: `Stripe at ${base} (key ${redactKey(config.stripeSecretKey)})`,
      baseUrl: base,
      close: async () => {},
    };
  }
  const mock: StripeMock = await startStripeMock({ host: '127.0.0.1', port: 0 });
  return {
    settings: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
    description: `built-in Stripe mock at ${mock.url}`,
    baseUrl: mock.url,
    mock,
    close: () => mock.close(),
  };
}
