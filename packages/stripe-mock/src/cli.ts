import { parseArgs } from 'node:util';
import { startMockServer } from './server.ts';

const USAGE = `Usage: fireflow stripe-mock [--port 12111] [--host 127.0.0.1] [--latency MS]

Runs a local Stripe API (payment intents, products, prices, subscriptions) until SIGINT/SIGTERM.
Per request: Fireflow-Mock-Latency-Ms: <ms>, Fireflow-Mock-Fault: 429|500|drop|500-after|drop-after.
Admin: GET /_mock/counters, GET|POST /_mock/config, POST /_mock/reset.`;

export interface CommandIo {
  log(line: string): void;
  error(line: string): void;
  /** Where SIGINT/SIGTERM arrive; `process` in real use. */
  signals: {
    once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
    off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  };
}

const defaultIo: CommandIo = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  signals: process,
};

function wholeNumber(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > max)
    throw new TypeError(`--${name} must be a whole number from 0 to ${max}, got '${value}'`);
  return number;
}

/** `fireflow stripe-mock`: 0 after a clean stop, 1 when it cannot listen, 2 for bad arguments. */
export async function runStripeMockCommand(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  let options: { port: number; host: string; latencyMs: number };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        latency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.log(USAGE);
      return 0;
    }
    options = {
      port: wholeNumber(values.port, 'port', 65_535) ?? 12111,
      host: values.host ?? '127.0.0.1',
      latencyMs: wholeNumber(values.latency, 'latency', 600_000) ?? 0,
    };
  } catch (error) {
    io.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  try {
    mock = await startMockServer({ ...options, log: io.log });
  } catch (error) {
    io.error(
      `Cannot listen on ${options.host}:${options.port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      io.signals.off('SIGINT', stop);
      io.signals.off('SIGTERM', stop);
      resolve();
    };
    io.signals.once('SIGINT', stop);
    io.signals.once('SIGTERM', stop);
  });
  await mock.close();
  io.log('Stripe mock stopped.');
  return 0;
}
