import { cp, mkdtemp, appendFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DispatchEvent } from '@fireflow/protocol';
import { startStripeMock } from '@fireflow/stripe-mock';
import { FIREFLOW_BIN, REPO_ROOT as root, fireflow } from '../testing/cli.ts';

const EXAMPLES: Array<[string, RegExp]> = [
  ['payment-intent', /Payment intent pi_\w+ is succeeded: 2000 usd/],
  ['product', /Product prod_\w+ created: Fireflow T-shirt/],
  ['price', /Price price_\w+: 1500 usd every month/],
  ['subscription', /Subscription sub_\w+ is trialing/],
  ['customer', /Customer cus_\w+ created: Jenny Rosen <jenny@example.com>/],
  ['chained', /Customer cus_\w+ created: jenny@example.com[\s\S]*Subscription sub_\w+ is trialing/],
  ['quickstart', /Payment intent pi_\w+ is requires_payment_method/],
  // The offline loop: the create call's own payment_intent.succeeded webhook comes back and runs its script.
  [
    'webhook',
    /webhook payment_intent\.succeeded evt_\w+ → handle_payment_succeeded[\s\S]*Webhook payment_intent\.succeeded \(evt_\w+\): pi_\w+ paid 4200 usd/,
  ],
];

describe('fireflow run', () => {
  it.each(EXAMPLES)('runs flows/%s offline and settles succeeded', async (name, printed) => {
    const { code, stdout } = await fireflow(['run', `flows/${name}`]);
    expect(stdout).toMatch(printed);
    expect(stdout).toMatch(/run succeeded/);
    expect(code).toBe(0);
  });

  it('prints one parseable event per line with --json', async () => {
    const { code, stdout } = await fireflow(['run', 'flows/product', '--json']);
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => DispatchEvent.parse(JSON.parse(line)));
    expect(events[0]?.type).toBe('run.started');
    expect(events.at(-1)).toMatchObject({ type: 'run.settled', status: 'succeeded' });
    expect(code).toBe(0);
  });

  it('exits 1 when a script fails and 2 on bad input', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-cli-'));
    await cp(path.join(root, 'flows/product'), dir, { recursive: true });
    await appendFile(path.join(dir, 'main.js'), '\nthrow new Error("boom");\n');
    const failed = await fireflow(['run', dir]);
    expect(failed.stdout).toMatch(
      /failed SCRIPT_ERROR at main\.js:9:\d+: Error: boom|failed SCRIPT_ERROR at main\.js:9:\d+: boom/,
    );
    expect(failed.code).toBe(1);
    expect((await fireflow(['run', path.join(dir, 'missing')])).code).toBe(2);
    expect((await fireflow(['run', 'flows/product', '--entry', 'create_product'])).code).toBe(2);
  });
});

describe('fireflow run, interrupted', () => {
  it('says which run it left unsettled on Ctrl-C and exits 130', async () => {
    const mock = await startStripeMock({ latencyMs: 60_000 });
    try {
      const child = spawn(
        process.execPath,
        [FIREFLOW_BIN, 'run', 'flows/product', '--json', '--stripe-base', mock.url],
        {
          cwd: root,
        },
      );
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // The Stripe call is out, and its answer a minute away: the run is going when the signal comes.
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          if (stdout.includes('"type":"stripe.request.sent"')) resolve();
        });
      });
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toMatch(/fireflow run: interrupted before run run_\w+ settled/);
      expect(stdout).not.toContain('"type":"run.settled"');
    } finally {
      await mock.close();
    }
  });
});

describe('fireflow run --node --input', () => {
  it('runs one script node alone with the inputs in the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-cli-'));
    const input = path.join(dir, 'declined.json');
    const body = { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } };
    await writeFile(input, JSON.stringify({ parsed_error: body }));
    const { code, stdout } = await fireflow([
      'run',
      'flows/payment-intent',
      '--node',
      'on_payment_intent_error',
      '--input',
      input,
    ]);
    expect(stdout).toMatch(/payment intent failed: card_error \(card_declined\): Your card was declined\./);
    expect(stdout).not.toMatch(/POST \/v1/);
    expect(code).toBe(0);
  });

  it('exits 2 when the input file is not JSON', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-cli-'));
    await writeFile(path.join(dir, 'bad.json'), '{');
    const { code, stderr } = await fireflow([
      'run',
      'flows/payment-intent',
      '--node',
      'on_payment_intent_error',
      '--input',
      path.join(dir, 'bad.json'),
    ]);
    expect(stderr).toMatch(/bad\.json is not JSON/);
    expect(code).toBe(2);
  });
});

describe('fireflow validate', () => {
  it('reports a syntax error as file:line:col message and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-cli-'));
    await cp(path.join(root, 'flows/product'), dir, { recursive: true });
    await appendFile(path.join(dir, 'new_create_product_response.js'), 'let x = ;\n');
    const { code, stderr } = await fireflow(['validate', dir]);
    expect(stderr).toMatch(/new_create_product_response\.js:3:9 .+/);
    expect(code).toBe(1);
  });

  it('passes every example', async () => {
    for (const [name] of EXAMPLES) expect((await fireflow(['validate', `flows/${name}`])).code).toBe(0);
  });
});
