import { describe, expect, it } from 'vitest';
import { SCRIPT_BUILDERS, commonBuilderMethods, type SetterParamType } from './script-api.ts';
import { STRIPE_KINDS, type StripeKind } from './stripe-kind.ts';

/** The setters SPEC §2 lists for each builder; a type where the SPEC names one (`amount(int)`). */
const SPEC_SETTERS: Record<StripeKind, Record<string, SetterParamType | 'special'>> = {
  payment_intent: {
    amount: 'integer',
    currency: 'string',
    customer: 'string',
    description: 'string',
    receipt_email: 'string',
    payment_method: 'string',
    confirm: 'boolean',
    capture_method: 'string',
    add_payment_method_type: 'special',
    metadata: 'special',
  },
  product: { name: 'string', description: 'string', active: 'boolean', metadata: 'special' },
  price: {
    product: 'string',
    unit_amount: 'integer',
    currency: 'string',
    recurring: 'special',
    nickname: 'string',
    lookup_key: 'string',
    metadata: 'special',
  },
  subscription: {
    customer: 'string',
    add_price: 'special',
    trial_period_days: 'integer',
    default_payment_method: 'string',
    cancel_at_period_end: 'boolean',
    metadata: 'special',
  },
  customer: {
    name: 'string',
    email: 'string',
    description: 'string',
    phone: 'string',
    payment_method: 'string',
    metadata: 'special',
  },
};

/** The TypeScript type a typed setter's one parameter may have; `string` also allows a union of literals. */
const TS_TYPE: Record<SetterParamType, RegExp> = {
  integer: /^number$/,
  string: /^(string|"[a-z_]+"( \| "[a-z_]+")*)$/,
  boolean: /^boolean$/,
};
const IDENTIFIER = /^[a-z][a-z_]*$/;

describe('the script API catalogue', () => {
  it.each(STRIPE_KINDS)('lists the setters SPEC §2 gives %s, with their types', (kind) => {
    const listed = Object.fromEntries(SCRIPT_BUILDERS[kind].setters.map((s) => [s.name, s.check ?? 'special']));
    expect(listed).toEqual(SPEC_SETTERS[kind]);
  });

  it.each(STRIPE_KINDS)('names and documents every %s method once', (kind) => {
    const spec = SCRIPT_BUILDERS[kind];
    expect(spec.factory).toBe(`new_${kind}`);
    expect(spec.example.startsWith(`${spec.factory}()`)).toBe(true);
    const names = [...spec.setters, ...commonBuilderMethods(kind)].map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(IDENTIFIER);
    for (const setter of spec.setters) expect(setter.doc.trim()).not.toBe('');
    for (const method of commonBuilderMethods(kind)) expect(method.doc.length).toBeGreaterThan(0);
  });

  it.each(STRIPE_KINDS)('gives each typed %s setter one parameter of the checked type', (kind) => {
    for (const { name, check, params } of SCRIPT_BUILDERS[kind].setters) {
      if (!check) continue;
      const match = /^[a-z_]+: (.+)$/.exec(params);
      expect(match, `${kind}.${name}(${params})`).not.toBeNull();
      expect(match?.[1], `${kind}.${name}(${params})`).toMatch(TS_TYPE[check]);
    }
  });

  it.each(STRIPE_KINDS)('gives every %s builder set, node, create_async and create', (kind) => {
    const methods = commonBuilderMethods(kind);
    expect(methods.map((m) => m.name)).toEqual(['set', 'node', 'create_async', 'create']);
    const { type } = SCRIPT_BUILDERS[kind];
    expect(methods.map((m) => m.returns)).toEqual([
      type,
      type,
      `"${kind}_request_dispatched"`,
      `"${kind}_request_dispatched"`,
    ]);
  });
});
