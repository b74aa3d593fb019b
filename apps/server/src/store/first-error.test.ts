import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchEvent } from '@fireflow/protocol';
import { EventScript } from '../testing/events.ts';
import { firstErrorOf } from './first-error.ts';
import { RunHistory } from './run-history.ts';

const ids = { run_id: 'run_e', context_id: 'run_e', ts: 1 };
const declined: DispatchEvent = {
  ...ids,
  id: 2,
  type: 'stripe.request.failed',
  request_id: 'req_1',
  node_id: 'create_payment_intent',
  status: 402,
  error: { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } },
  duration_ms: 5,
  attempt: 1,
  final: true,
  retry_in_ms: null,
};
const crashed: DispatchEvent = {
  ...ids,
  id: 3,
  type: 'execution.failed',
  execution_id: 'ex_1',
  node_id: 'on_error',
  duration_ms: 1,
  error: { code: 'SCRIPT_ERROR', message: 'boom', file: 'error.js', line: 3, column: 5 },
};

describe('firstErrorOf', () => {
  it('says a final Stripe error and a script failure in one line', () => {
    expect(firstErrorOf(declined)).toBe('Stripe HTTP 402 card_declined: Your card was declined.');
    expect(firstErrorOf(crashed)).toBe('SCRIPT_ERROR at error.js:3:5: boom');
  });

  it('ignores a failed attempt that will be retried', () => {
    expect(firstErrorOf({ ...declined, final: false, retry_in_ms: 250 })).toBeNull();
  });
});

describe('RunHistory first_error', () => {
  let dataDir = '';
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the first failure of a run in its summary, across a reopen', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'fireflow-history-'));
    const history = await RunHistory.open({ dataDir, logger: { error: () => {} } });
    const run = new EventScript('run_e', 'flow-e');
    history.record(run.started());
    history.record(declined);
    history.record(crashed);
    history.record({ ...(run.settled('failed') as DispatchEvent), id: 4 });
    await history.close();
    const reopened = await RunHistory.open({ dataDir, logger: { error: () => {} } });
    expect(reopened.summary('run_e')?.first_error).toBe('Stripe HTTP 402 card_declined: Your card was declined.');
    await reopened.close();
  });
});
