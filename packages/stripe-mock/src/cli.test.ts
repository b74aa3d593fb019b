import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runStripeMockCommand, type CommandIo } from './cli.ts';
import { post } from './testing.ts';

function fakeIo() {
  const lines: string[] = [];
  const errors: string[] = [];
  const signals = new EventEmitter();
  let announce: ((line: string) => void) | undefined;
  const io: CommandIo = {
    log: (line) => {
      lines.push(line);
      announce?.(line);
    },
    error: (line) => void errors.push(line),
    signals,
  };
  const started = new Promise<string>((resolve) => (announce = resolve));
  return { io, lines, errors, signals, started };
}

describe('fireflow stripe-mock', () => {
  it('logs one start line, serves until SIGTERM, then exits 0', async () => {
    const { io, lines, signals, started } = fakeIo();
    const exit = runStripeMockCommand(['--port', '0', '--latency', '0'], io);
    const line = await started;
    expect(line).toMatch(
      /^Stripe mock listening on http:\/\/127\.0\.0\.1:\d+ \(test key: sk_test_fireflow_mock_4242\)$/,
    );
    const url = /(http:\S+)/.exec(line)?.[1] ?? '';
    expect((await post(url, '/v1/products', { name: 'Tea' })).status).toBe(200);
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(lines.at(-1)).toBe('Stripe mock stopped.');
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('exits 2 with the usage for a bad flag or value', async () => {
    const unknown = fakeIo();
    expect(await runStripeMockCommand(['--colour'], unknown.io)).toBe(2);
    expect(unknown.errors[0]).toMatch(/Usage: fireflow stripe-mock/);
    const badPort = fakeIo();
    expect(await runStripeMockCommand(['--port', 'abc'], badPort.io)).toBe(2);
    expect(badPort.errors[0]).toMatch(/^--port must be a whole number/);
  });

  it('exits 1 when the port is taken', async () => {
    const first = fakeIo();
    const running = runStripeMockCommand(['--port', '0'], first.io);
    const port = /:(\d+) /.exec(await first.started)?.[1] ?? '';
    const second = fakeIo();
    expect(await runStripeMockCommand(['--port', port], second.io)).toBe(1);
    expect(second.errors[0]).toMatch(/EADDRINUSE/);
    first.signals.emit('SIGINT');
    expect(await running).toBe(0);
  });

  it('prints the usage for --help', async () => {
    const { io, lines } = fakeIo();
    expect(await runStripeMockCommand(['--help'], io)).toBe(0);
    expect(lines[0]).toMatch(/Fireflow-Mock-Fault/);
  });
});
