import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDER_PARAMS, TYPE_NAMES } from './builder-specs.ts';
import { createInlineSandbox } from './inline.ts';
import { failure, messages, task } from './test-fixtures/tasks.ts';
import type { RecordedRequest, Sandbox } from './types.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createInlineSandbox();
});
afterAll(() => sandbox.close());

async function recorded(source: string): Promise<RecordedRequest[]> {
  const result = await sandbox.run(task(source));
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.requests;
}

const DEFAULT_SECRET = { type: 'secret', name: 'STRIPE_SECRET_KEY' };

describe('the SPEC §2 example', () => {
  it('runs unchanged, returns at once and records the request', async () => {
    const source = [
      'let payment_intent = new_payment_intent().amount(2000).currency("usd").customer("cus_customer123");',
      'let result = payment_intent.create_async("worker-1", "context-123", "sk_test_...");',
      'print(`Request dispatched: ${result}`);',
    ].join('\n');
    const result = await sandbox.run(task(source));
    expect(result.ok).toBe(true);
    expect(messages(result)).toEqual(['Request dispatched: payment_intent_request_dispatched']);
    expect(result.requests).toEqual([
      {
        kind: 'payment_intent',
        params: { amount: 2000, currency: 'usd', customer: 'cus_customer123' },
        node: null,
        worker_id: 'worker-1',
        context_id: 'context-123',
        secret: { type: 'literal', value: 'sk_test_...' },
      },
    ]);
  });
});

describe('typed setters', () => {
  it('payment intent', async () => {
    const [request] = await recorded(`new_payment_intent().amount(500).currency("eur").customer("cus_1")
      .description("d").receipt_email("a@b.c").payment_method("pm_1").confirm(true).capture_method("manual")
      .add_payment_method_type("card").add_payment_method_type("sepa_debit").metadata("order", 42).create()`);
    expect(request?.params).toEqual({
      amount: 500,
      currency: 'eur',
      customer: 'cus_1',
      description: 'd',
      receipt_email: 'a@b.c',
      payment_method: 'pm_1',
      confirm: true,
      capture_method: 'manual',
      payment_method_types: ['card', 'sepa_debit'],
      metadata: { order: '42' },
    });
  });

  it('product', async () => {
    const [request] = await recorded(
      'new_product().name("Hat").description("Warm").active(false).metadata("k", "v").create_async()',
    );
    expect(request).toMatchObject({
      kind: 'product',
      params: { name: 'Hat', description: 'Warm', active: false, metadata: { k: 'v' } },
    });
  });

  it('price', async () => {
    const [monthly, yearly] = await recorded(`
      new_price().product("prod_1").unit_amount(900).currency("usd").recurring("month")
        .nickname("m").lookup_key("lk").create();
      new_price().product("prod_1").unit_amount(9000).currency("usd").recurring("year", 2).create();`);
    expect(monthly?.params).toEqual({
      product: 'prod_1',
      unit_amount: 900,
      currency: 'usd',
      recurring: { interval: 'month' },
      nickname: 'm',
      lookup_key: 'lk',
    });
    expect(yearly?.params.recurring).toEqual({ interval: 'year', interval_count: 2 });
  });

  it('subscription', async () => {
    const [request] = await recorded(`new_subscription().customer("cus_1").add_price("price_1").add_price("price_2", 3)
      .trial_period_days(14).default_payment_method("pm_1").cancel_at_period_end(true).create()`);
    expect(request).toMatchObject({
      kind: 'subscription',
      params: {
        customer: 'cus_1',
        items: [{ price: 'price_1' }, { price: 'price_2', quantity: 3 }],
        trial_period_days: 14,
        default_payment_method: 'pm_1',
        cancel_at_period_end: true,
      },
    });
  });

  it('customer', async () => {
    const [request] = await recorded(`new_customer().name("Jenny Rosen").email("jenny@example.com")
      .description("d").phone("+15555550100").payment_method("pm_card_visa").metadata("plan", "gold")
      .set("address", { country: "US" }).create()`);
    expect(request).toMatchObject({
      kind: 'customer',
      params: {
        name: 'Jenny Rosen',
        email: 'jenny@example.com',
        description: 'd',
        phone: '+15555550100',
        payment_method: 'pm_card_visa',
        metadata: { plan: 'gold' },
        address: { country: 'US' },
      },
    });
  });
});

describe('setter type errors', () => {
  const WRONG = { integer: '"12"', string: '12', boolean: '"true"' } as const;
  const typed = Object.entries(BUILDER_PARAMS).flatMap(([kind, params]) =>
    Object.entries(params).map(([param, type]) => [kind, param, type] as const),
  );

  it.each(typed)('new_%s().%s refuses a value that is not %s', async (kind, param, type) => {
    const result = await sandbox.run(task(`new_${kind}().${param}(${WRONG[type]})`));
    expect(failure(result).message).toBe(`TypeError: ${param} must be ${TYPE_NAMES[type]}`);
  });

  it.each([
    ['new_payment_intent().amount("2000")', 'amount must be an integer'],
    ['new_payment_intent().amount(19.99)', 'amount must be an integer'],
    ['new_payment_intent().currency(840)', 'currency must be a string'],
    ['new_payment_intent().confirm("yes")', 'confirm must be a boolean'],
    ['new_payment_intent().add_payment_method_type(1)', 'payment method type must be a string'],
    ['new_product().name()', 'name must be a string'],
    ['new_product().active(1)', 'active must be a boolean'],
    ['new_price().unit_amount(null)', 'unit_amount must be an integer'],
    ['new_price().recurring(1)', 'recurring interval must be a string'],
    ['new_price().recurring("month", "2")', 'recurring interval_count must be an integer'],
    ['new_subscription().trial_period_days(1.5)', 'trial_period_days must be an integer'],
    ['new_subscription().cancel_at_period_end("true")', 'cancel_at_period_end must be a boolean'],
    ['new_subscription().add_price(5)', 'price id must be a string'],
    ['new_subscription().add_price("price_1", "2")', 'quantity must be an integer'],
    ['new_product().metadata(1, "v")', 'metadata key must be a string'],
    ['new_product().metadata("k", {})', 'metadata value must be a string or a number'],
    ['new_product().set(1, "v")', 'set: param must be a string'],
    ['new_product().set("x", () => 1)', 'x must be JSON data (string, number, boolean, null, array or object)'],
    ['new_product().set("active", "yes")', 'active must be a boolean'],
    ['new_product().node(5)', 'node id must be a string'],
    ['new_product().create_async(5)', 'create_async worker_id must be a string'],
    ['new_product().create_async("w", "")', 'create_async context_id must be a non-empty string'],
    ['new_product().create_async("w", "c", 5)', 'create_async secret must be secret("NAME") or a key string'],
    [
      'new_product().create_async("w", "c", { type: "secret", name: "X" })',
      'create_async secret must be secret("NAME") or a key string',
    ],
    [
      'const b = new_product(); const name = b.name; name("x")',
      'builder methods must be called on a builder, e.g. new_product().name("Hat")',
    ],
  ])('%s throws "%s" at the call', async (call, message) => {
    const result = await sandbox.run(task(`let x = 1;\n  ${call};`));
    expect(failure(result)).toEqual({
      code: 'SCRIPT_ERROR',
      message: `TypeError: ${message}`,
      file: 'main.js',
      line: 2,
      column: expect.any(Number),
    });
  });

  it('throws a real TypeError the script can catch and go on', async () => {
    const result = await sandbox.run(
      task('try { new_product().active("no") } catch (e) { print(e instanceof TypeError) } print("after")'),
    );
    expect(messages(result)).toEqual(['true', 'after']);
  });
});

describe('set, node and create', () => {
  it('set copies nested JSON data when called, and type-checks known params', async () => {
    const [request] = await recorded(`const shipping = { name: "A", address: { line1: "1 St" } };
      const b = new_payment_intent().amount(1).set("shipping", shipping).set("amount", 700)
        .set("automatic_payment_methods", { enabled: true });
      shipping.name = "changed";
      b.create();`);
    expect(request?.params).toEqual({
      amount: 700,
      shipping: { name: 'A', address: { line1: '1 St' } },
      automatic_payment_methods: { enabled: true },
    });
  });

  it('node picks the Stripe node; create_async defaults to null ids and the STRIPE_SECRET_KEY secret', async () => {
    const [request] = await recorded('new_product().name("n").node("create_product_2").create_async()');
    expect(request).toMatchObject({
      node: 'create_product_2',
      worker_id: null,
      context_id: null,
      secret: DEFAULT_SECRET,
    });
  });

  it('takes a secret() reference, and null for defaulted ids', async () => {
    const [request] = await recorded('new_product().name("n").create(null, "ctx_9", secret("OTHER_KEY"))');
    expect(request).toMatchObject({
      worker_id: null,
      context_id: 'ctx_9',
      secret: { type: 'secret', name: 'OTHER_KEY' },
    });
  });

  it('returns "<kind>_request_dispatched" for every kind and records calls in order', async () => {
    const kinds = ['payment_intent', 'product', 'price', 'subscription', 'customer'];
    const result = await sandbox.run(task(kinds.map((kind) => `print(new_${kind}().create_async())`).join(';')));
    expect(messages(result)).toEqual(kinds.map((kind) => `${kind}_request_dispatched`));
    expect(result.requests.map((request) => request.kind)).toEqual(kinds);
  });

  it('snapshots params at each create, so a builder can be reused', async () => {
    const requests = await recorded('const b = new_product().name("a"); b.create(); b.name("b").create();');
    expect(requests.map((request) => request.params.name)).toEqual(['a', 'b']);
  });

  it('keeps requests recorded before a failure', async () => {
    const result = await sandbox.run(task('new_product().name("a").create(); throw new Error("later")'));
    expect(failure(result).message).toBe('Error: later');
    expect(result.requests).toHaveLength(1);
  });
});
