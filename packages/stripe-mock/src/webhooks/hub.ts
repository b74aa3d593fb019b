import { STRIPE_API_VERSION } from '../constants.ts';
import { randomText } from '../ids.ts';
import type { StripeObject } from '../resources/object-template.ts';
import { signatureHeader } from './sign.ts';

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  api_version: string | null;
  created: number;
  description: string | null;
  enabled_events: string[];
  livemode: false;
  metadata: Record<string, string>;
  /** Only in the create answer, as Stripe does. */
  secret?: string;
  status: 'enabled';
  url: string;
}

export interface WebhookHubOptions {
  /** Waits before each retry of a delivery that was not answered 2xx; Stripe backs off over days, tests in ms. */
  retryDelaysMs?: readonly number[];
  /** Default: global fetch. */
  fetch?: typeof fetch;
}

/** Short, so the offline loop settles quickly; Stripe's own schedule is hours apart. */
const DEFAULT_RETRY_DELAYS_MS = [200, 1_000, 5_000];

/** The mock's webhook endpoints and its deliveries to them: signed like Stripe's, retried like Stripe's. */
export class WebhookHub {
  private readonly endpoints: Array<{ endpoint: WebhookEndpoint; secret: string }> = [];
  /** Retries waiting for their time; closing ends them at once. */
  private readonly waiting = new Map<NodeJS.Timeout, () => void>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly retryDelays: readonly number[];
  private readonly post: typeof fetch;

  constructor(options: WebhookHubOptions = {}) {
    this.retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.post = options.fetch ?? fetch;
  }

  register(url: string, enabledEvents: string[], description: string | null): WebhookEndpoint {
    const secret = `whsec_${randomText(32)}`;
    const endpoint: WebhookEndpoint = {
      id: `we_${randomText(24)}`,
      object: 'webhook_endpoint',
      api_version: null,
      created: Math.floor(Date.now() / 1000),
      description,
      enabled_events: enabledEvents,
      livemode: false,
      metadata: {},
      status: 'enabled',
      url,
    };
    this.endpoints.push({ endpoint, secret });
    return { ...endpoint, secret };
  }

  /** Stops deliveries to the endpoint; false when there is no such endpoint. */
  remove(id: string): boolean {
    const index = this.endpoints.findIndex(({ endpoint }) => endpoint.id === id);
    if (index < 0) return false;
    this.endpoints.splice(index, 1);
    return true;
  }

  list(): WebhookEndpoint[] {
    return this.endpoints.map(({ endpoint }) => endpoint);
  }

  /** Builds the event and delivers it to every endpoint that enabled its type; never waits for the deliveries. */
  emit(type: string, object: StripeObject, request: { id: string; idempotency_key: string | undefined }): void {
    const targets = this.endpoints.filter(({ endpoint }) =>
      endpoint.enabled_events.some((e) => e === '*' || e === type),
    );
    if (targets.length === 0 || this.closed) return;
    const event = {
      id: `evt_${randomText(24)}`,
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: targets.length,
      request: { id: request.id, idempotency_key: request.idempotency_key ?? null },
      type,
    };
    const payload = JSON.stringify(event, null, 2);
    for (const { endpoint, secret } of targets) this.track(this.deliver(endpoint.url, payload, secret, 0));
  }

  /** Resolves when no delivery is under way or waiting for a retry (tests wait on this, not on time). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    this.closed = true;
    for (const [timer, resolve] of this.waiting) {
      clearTimeout(timer);
      resolve();
    }
    this.waiting.clear();
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(url: string, payload: string, secret: string, attempt: number): Promise<void> {
    if (this.closed) return;
    let ok = false;
    try {
      // Signed at each attempt, as Stripe does: a retry hours later must not fall outside the tolerance.
      const response = await this.post(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signatureHeader(payload, secret),
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      ok = response.ok;
      await response.body?.cancel();
    } catch {
      ok = false;
    }
    const wait = this.retryDelays[attempt];
    if (ok || wait === undefined || this.closed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve();
      }, wait);
      this.waiting.set(timer, resolve);
    });
    await this.deliver(url, payload, secret, attempt + 1);
  }
}
