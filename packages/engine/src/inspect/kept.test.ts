import { KEPT_BODY_BYTES } from '@fireflow/protocol';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redact.ts';
import { keepBody, keepErrorBody, recordedInput, replayInput } from './kept.ts';

const redact = createRedactor([]);

describe('keepBody', () => {
  it('keeps a body as its parsed, redacted value', () => {
    expect(keepBody('{"id":"pi_1","note":"sk_test_abcdefgh1234"}', redact)).toEqual({
      body: { id: 'pi_1', note: 'sk_test_…1234' },
    });
  });

  it('cuts a body past the cap to text ending in a marker with its full size', () => {
    const text = JSON.stringify({ blob: 'x'.repeat(KEPT_BODY_BYTES) });
    const kept = keepBody(text, redact);
    expect(kept.cut).toEqual({ bytes: text.length });
    expect(typeof kept.body).toBe('string');
    expect(kept.body as string).toMatch(new RegExp(`… \\[cut: ${text.length} bytes in all\\]$`));
    expect((kept.body as string).length).toBeLessThan(KEPT_BODY_BYTES + 100);
  });

  it('keeps text that is not JSON as text', () => {
    expect(keepBody('<html>', redact)).toEqual({ body: '<html>' });
  });
});

describe('recordedInput and replayInput', () => {
  const request = { id: 'req_1', kind: 'product' as const, node_id: 's', params: { name: 'n' }, idempotency_key: 'k' };

  it('records what a response script gets, and replays it as the same globals', () => {
    const recorded = recordedInput({ trigger: 'response', request, response_json: '{"id":"prod_1"}' }, redact);
    expect(recorded).toEqual({ request, parsed_data: { id: 'prod_1' } });
    expect(replayInput(recorded)).toEqual({ trigger: 'replay', request, response_json: '{"id":"prod_1"}' });
  });

  it('records nothing for an entry execution', () => {
    expect(recordedInput({ trigger: 'entry' }, redact)).toEqual({});
  });
});

describe('keepErrorBody', () => {
  it('keeps an error body whole when it is small', () => {
    const body = { error: { type: 'card_error', code: 'card_declined', payment_intent: { id: 'pi_1' } } };
    expect(keepErrorBody(body, redact)).toEqual({ error: body });
  });

  it('keeps only the one-line fields of an error body past the cap, and says how big it was', () => {
    const body = {
      error: { type: 'card_error', code: 'card_declined', payment_intent: { blob: 'x'.repeat(KEPT_BODY_BYTES) } },
    };
    const kept = keepErrorBody(body, redact);
    expect(kept.error).toEqual({ error: { type: 'card_error', code: 'card_declined' } });
    expect(kept.cut?.bytes).toBeGreaterThan(KEPT_BODY_BYTES);
  });
});
