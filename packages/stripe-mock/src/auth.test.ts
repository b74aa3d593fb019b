import { describe, expect, it } from 'vitest';
import { authenticate, maskKey } from './auth.ts';
import { MOCK_SECRET_KEY } from './constants.ts';
import { StripeMockError } from './errors.ts';

const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;

function refusal(header: string | undefined) {
  try {
    authenticate(header);
  } catch (error) {
    if (error instanceof StripeMockError) return { status: error.status, ...error.toBody().error };
  }
  throw new Error('expected a refusal');
}

describe('authenticate', () => {
  it('accepts a test secret key by Bearer or Basic auth', () => {
    expect(authenticate(`Bearer ${MOCK_SECRET_KEY}`)).toBe(MOCK_SECRET_KEY);
    expect(authenticate(basic('sk_test_abc'))).toBe('sk_test_abc');
    expect(authenticate('bearer rk_test_restricted')).toBe('rk_test_restricted');
  });

  it('answers 401 "You did not provide an API key" when there is none', () => {
    for (const header of [undefined, '', 'Bearer ', basic(''), 'Token sk_test_x']) {
      expect(refusal(header)).toMatchObject({
        status: 401,
        type: 'invalid_request_error',
        message: expect.stringMatching(/^You did not provide an API key\. /),
      });
    }
  });

  it('answers 401 "Invalid API Key provided" with the key masked', () => {
    expect(refusal('Bearer sk_live_abcdefghijklmnop1234')).toEqual({
      status: 401,
      type: 'invalid_request_error',
      message: 'Invalid API Key provided: sk_live_****************1234',
    });
    expect(refusal('Bearer pk_test_1234567890')).toMatchObject({
      message: 'Invalid API Key provided: pk_test_******7890',
    });
  });

  it('never shows more than a short prefix of a short key', () => {
    expect(maskKey('secret')).toBe('sec***');
  });
});
