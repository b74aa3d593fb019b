import { describe, expect, it } from 'vitest';
import { StripeMockError } from '../errors.ts';
import { parseForm } from '../form.ts';
import { compileParams } from './compile.ts';
import type { ObjectSchema } from './schema.ts';

const schema: ObjectSchema = {
  type: 'object',
  properties: {
    amount: { type: 'integer' },
    currency: { type: 'string' },
    confirm: { type: 'boolean' },
    capture_method: { type: 'string', enum: ['automatic', 'automatic_async', 'manual'] },
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
    recurring: {
      type: 'object',
      properties: { interval: { type: 'string', enum: ['day', 'month'] } },
      required: ['interval'],
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { price: { type: 'string', maxLength: 10 }, quantity: { type: 'integer' } },
      },
    },
    up_to: { anyOf: [{ type: 'string', enum: ['inf'] }, { type: 'integer' }] },
    unit_amount_decimal: { type: 'string', format: 'decimal' },
  },
  required: ['amount', 'currency'],
};
const parse = compileParams(schema);
const run = (body: string) => parse(parseForm(body));

function refusal(body: string) {
  try {
    run(body);
  } catch (error) {
    if (error instanceof StripeMockError) return { status: error.status, ...error.toBody().error };
    throw error;
  }
  throw new Error(`expected ${body} to be refused`);
}

describe('compiled validators', () => {
  it('types values: integers, booleans, arrays, maps', () => {
    expect(
      run(
        'amount=2000&currency=usd&confirm=true&metadata[a]=b&items[1][price]=p2&items[0][price]=p1&items[0][quantity]=3',
      ),
    ).toEqual({
      amount: 2000,
      currency: 'usd',
      confirm: true,
      metadata: { a: 'b' },
      items: [{ price: 'p1', quantity: 3 }, { price: 'p2' }],
    });
  });

  it('reports a missing required param', () => {
    expect(refusal('amount=1')).toMatchObject({
      status: 400,
      code: 'parameter_missing',
      param: 'currency',
      message: 'Missing required param: currency.',
    });
    expect(refusal('amount=1&currency=usd&recurring[]=x')).toMatchObject({
      code: 'parameter_unknown',
      param: 'recurring[0]',
    });
    expect(refusal('amount=1&currency=usd&recurring[foo]=x')).toMatchObject({
      message: 'Received unknown parameter: recurring[foo]',
    });
  });

  it('reports a missing nested required param with its bracketed name', () => {
    expect(refusal('amount=1&currency=usd&recurring[interval]=')).toMatchObject({
      code: 'parameter_invalid_empty',
      param: 'recurring[interval]',
    });
  });

  it('reports unknown params, suggesting a near miss', () => {
    expect(refusal('amount=1&currency=usd&foo=bar')).toMatchObject({
      code: 'parameter_unknown',
      param: 'foo',
      message: 'Received unknown parameter: foo',
    });
    expect(refusal('amont=1&currency=usd')).toMatchObject({
      message: 'Received unknown parameter: amont. Did you mean amount?',
    });
  });

  it('reports bad integers, booleans, enums, decimals and lengths in Stripe words', () => {
    expect(refusal('amount=abc&currency=usd')).toMatchObject({
      code: 'parameter_invalid_integer',
      message: 'Invalid integer: abc',
    });
    expect(refusal('amount=1&currency=usd&confirm=yes')).toMatchObject({
      param: 'confirm',
      message: 'Invalid boolean: yes',
    });
    expect(refusal('amount=1&currency=usd&capture_method=later')).toMatchObject({
      message: 'Invalid capture_method: must be one of automatic, automatic_async, or manual',
    });
    expect(refusal('amount=1&currency=usd&unit_amount_decimal=1.2.3')).toMatchObject({
      message: 'Invalid decimal: 1.2.3',
    });
    expect(refusal('amount=1&currency=usd&items[0][price]=price_12345678')).toMatchObject({ param: 'items[0][price]' });
    expect(refusal('amount[a]=1&currency=usd')).toMatchObject({ message: 'Invalid integer: {"a"=>"1"}' });
  });

  it('refuses a scalar where a hash or an array belongs', () => {
    expect(refusal('amount=1&currency=usd&recurring=month')).toMatchObject({
      param: 'recurring',
      message: 'Invalid hash',
    });
    expect(refusal('amount=1&currency=usd&items=p1')).toMatchObject({ param: 'items', message: 'Invalid array' });
  });

  it('reads an empty string as unset, but not for a required param', () => {
    expect(run('amount=1&currency=usd&confirm=&metadata=')).toEqual({ amount: 1, currency: 'usd' });
    expect(refusal('amount=&currency=usd')).toMatchObject({
      code: 'parameter_invalid_empty',
      message: expect.stringContaining("You passed an empty string for 'amount'."),
    });
  });

  it('accepts any matching anyOf variant and reports the specific one', () => {
    expect(run('amount=1&currency=usd&up_to=inf').up_to).toBe('inf');
    expect(run('amount=1&currency=usd&up_to=5').up_to).toBe(5);
    expect(refusal('amount=1&currency=usd&up_to=lots')).toMatchObject({ message: 'Invalid integer: lots' });
  });
});
