import { describe, expect, it } from 'vitest';
import { SPEC_SUBSET } from '../spec.ts';
import { reduceSchema, reduceSpec } from './reduce-spec.ts';

const spec = {
  components: {
    schemas: {
      address: { type: 'object', description: 'prose', properties: { city: { type: 'string', maxLength: 200 } } },
      loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/loop' } } },
    },
  },
};

describe('reduceSchema', () => {
  it('inlines $refs and drops prose', () => {
    expect(reduceSchema(spec, { $ref: '#/components/schemas/address' })).toEqual({
      type: 'object',
      properties: { city: { type: 'string', maxLength: 200 } },
    });
  });

  it('stops a $ref cycle at a fixed depth instead of recursing forever', () => {
    let node = reduceSchema(spec, { $ref: '#/components/schemas/loop' });
    let depth = 0;
    while ('properties' in node && node.properties?.next) {
      node = node.properties.next;
      depth += 1;
    }
    expect(depth).toBe(8);
  });

  it('folds the "or empty string" variant into the real type (Stripe unsets with "")', () => {
    expect(reduceSchema(spec, { anyOf: [{ type: 'integer' }, { type: 'string', enum: [''] }] })).toEqual({
      type: 'integer',
    });
    expect(reduceSchema(spec, { anyOf: [{ type: 'string', enum: ['now'] }, { type: 'integer' }] })).toEqual({
      anyOf: [{ type: 'string', enum: ['now'] }, { type: 'integer' }],
    });
  });

  it('keeps map-shaped objects open and enum bypasses as flags', () => {
    expect(reduceSchema(spec, { type: 'object', additionalProperties: { type: 'string' } })).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(reduceSchema(spec, { type: 'string', enum: ['a'], 'x-stripeBypassValidation': true })).toEqual({
      type: 'string',
      enum: ['a'],
      bypassEnum: true,
    });
  });

  it('refuses a spec that lacks an endpoint it needs', () => {
    expect(() => reduceSpec({ info: { version: 'x' }, paths: {} }, { resources: {} })).toThrow(/\/v1\/payment_intents/);
  });
});

describe('the committed subset', () => {
  it('holds the four create bodies, their retrieve params and fixtures', () => {
    const { payment_intent, product, price, subscription } = SPEC_SUBSET.resources;
    expect(SPEC_SUBSET.apiVersion).toBe('2023-08-16');
    expect(payment_intent.createParams.required).toEqual(['amount', 'currency']);
    expect(product.createParams.required).toEqual(['name']);
    expect(price.createParams.properties?.recurring).toMatchObject({ required: ['interval'] });
    expect(subscription.createParams.required).toEqual(['customer']);
    expect(payment_intent.retrieveParam).toBe('intent');
    expect(subscription.fixture.object).toBe('subscription');
  });
});
