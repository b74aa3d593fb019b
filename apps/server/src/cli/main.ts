import { runCommand } from './run.ts';
import { validateCommand } from './validate.ts';
import { runStripeMockCommand } from '@fireflow/stripe-mock';

type Command = (argv: string[]) => Promise<number>;

/** Loaded lazily so `fireflow run` does not pay for Express and the server's modules. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: 'run <flowDir> [--json] [--entry ID] [--redis URL] [--stripe-base URL]', load: async () => runCommand },
  validate: { summary: 'validate <flowDir>', load: async () => validateCommand },
  serve: {
    summary: 'serve [--port 5178] [--host 127.0.0.1] [--flows ./flows] [--data ./.fireflow] [--redis URL] [--stripe-base URL]',
    load: async () => (await import('../serve.ts')).serveCommand,
  },
  worker: {
    summary: 'worker --redis URL [--id default,worker-1] [--concurrency N] [--threads N] [--stripe-base URL] [--stripe-rate N]',
    load: async () => (await import('./worker.ts')).workerCommand,
  },
  'stripe-mock': { summary: 'stripe-mock [--port 12111] [--latency MS]', load: async () => runStripeMockCommand },
  export: { summary: 'export <flowDir> -o <file.zip>', load: async () => (await import('../zip-commands.ts')).exportCommand },
  import: { summary: 'import <file.zip> [--flows ./flows] [--id ID] [--overwrite]', load: async () => (await import('../zip-commands.ts')).importCommand },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((command) => `  fireflow ${command.summary}`);
  return `Usage:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`fireflow: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}
