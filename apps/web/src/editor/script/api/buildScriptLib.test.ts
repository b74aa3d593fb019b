import { SCRIPT_BUILDERS, STRIPE_KINDS, commonBuilderMethods } from '@fireflow/protocol';
import { describe, expect, it } from 'vitest';
import { buildScriptLib } from './buildScriptLib.ts';

const entry = { nodeId: 'main', isEntry: true, responseKinds: [], responseFrom: [], errorKinds: [], errorFrom: [] };

describe('buildScriptLib', () => {
  it('declares the globals and every builder setter with docs', () => {
    const lib = buildScriptLib(entry);
    for (const name of [
      'print',
      'parse_json',
      'to_json',
      'secret',
      'new_payment_intent',
      'new_product',
      'new_price',
      'new_subscription',
      'new_customer',
    ]) {
      expect(lib).toContain(`declare function ${name}(`);
    }
    for (const kind of STRIPE_KINDS) {
      const spec = SCRIPT_BUILDERS[kind];
      expect(lib).toContain(`interface ${spec.type} {`);
      expect(lib).toContain(`interface ${spec.object} {`);
      for (const setter of spec.setters) expect(lib).toContain(`  ${setter.name}(${setter.params}): ${spec.type};`);
      for (const method of commonBuilderMethods(kind))
        expect(lib).toContain(`  ${method.name}(${method.params}): ${method.returns};`);
    }
    expect(lib).toContain('create_async(worker_id?: string');
    expect(lib).not.toContain('declare const parsed_data');
  });

  it('types parsed_data as the object of the node wired to the response port', () => {
    const lib = buildScriptLib({ ...entry, isEntry: false, responseKinds: ['payment_intent'], responseFrom: ['pi'] });
    expect(lib).toContain('declare const parsed_data: PaymentIntent;');
    expect(lib).toContain('client_secret: string | null;');
    expect(lib).toContain('declare const request:');
    expect(lib).not.toContain('declare const parsed_error');
  });

  it('types parsed_data as Customer for a script on a customer node', () => {
    const lib = buildScriptLib({
      ...entry,
      isEntry: false,
      responseKinds: ['customer'],
      responseFrom: ['create_customer'],
    });
    expect(lib).toContain('declare const parsed_data: Customer;');
    expect(lib).toContain('invoice_prefix: string | null;');
  });

  it('types event by the event types of the webhook node that starts the script', () => {
    const lib = buildScriptLib({
      ...entry,
      isEntry: false,
      webhookEvents: ['payment_intent.succeeded', 'customer.subscription.deleted'],
      webhookFrom: ['on_stripe_event'],
    });
    expect(lib).toContain('type: "payment_intent.succeeded";');
    expect(lib).toMatch(/type: "payment_intent.succeeded";[\s\S]*?object: PaymentIntent;/);
    expect(lib).toMatch(/type: "customer.subscription.deleted";[\s\S]*?object: Subscription;/);
    expect(lib).toContain('declare const event_json: string;');
    expect(buildScriptLib(entry)).not.toContain('declare const event:');
  });

  it('declares parsed_error for a script on an error port', () => {
    const lib = buildScriptLib({ ...entry, isEntry: false, errorKinds: ['price'], errorFrom: ['price'] });
    expect(lib).toContain('declare const parsed_error: StripeError;');
    expect(lib).toContain('decline_code?: string;');
  });
});
