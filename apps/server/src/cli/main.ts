import { runCommand } from './run.ts';
import { validateCommand } from './validate.ts';
import { runStripeMockCommand } from '@fireflow/stripe-mock';

type Command = (argv: string[]) => Promise<number>;

interface CommandEntry {
  usage: string;
  about: string;
  load: () => Promise<Command>;
}

/** Loaded lazily so `fireflow run` does not pay for Express and the server's modules. */
const COMMANDS: Record<string, CommandEntry> = {
  run: {
    usage: 'run <flowDir> [--json] [--entry ID] [--redis URL] [--stripe-base URL]',
    about:
      'Runs a flow once and prints its events (one JSON event per line with --json); exit 0 when it succeeds, 1 when it fails, 2 on bad input, 130 on Ctrl-C.',
    load: async () => runCommand,
  },
  validate: {
    usage: 'validate <flowDir>',
    about: 'Checks flow.json and compiles every script; prints file:line:col message per problem and exits 1 on any.',
    load: async () => validateCommand,
  },
  serve: {
    usage:
      'serve [--port 5178] [--host 127.0.0.1] [--flows ./flows] [--data ./.fireflow] [--redis URL] [--stripe-base URL]',
    about: 'Serves the editor and the REST API until SIGINT/SIGTERM (what `pnpm start` runs).',
    load: async () => (await import('../serve.ts')).serveCommand,
  },
  worker: {
    usage:
      'worker --redis URL [--id default,worker-1] [--concurrency N] [--threads N] [--stripe-base URL] [--stripe-rate N]',
    about: 'Runs executions from the Redis queues of the given worker ids until SIGINT/SIGTERM (see docs/redis.md).',
    load: async () => (await import('./worker.ts')).workerCommand,
  },
  'stripe-mock': {
    usage: 'stripe-mock [--port 12111] [--host 127.0.0.1] [--latency MS]',
    about: 'Runs the built-in Stripe mock on its own until SIGINT/SIGTERM.',
    load: async () => runStripeMockCommand,
  },
  export: {
    usage: 'export <flowDir> -o <file.zip>',
    about: 'Writes a flow folder to a zip archive (the same bytes as the editor’s export).',
    load: async () => (await import('../zip-commands.ts')).exportCommand,
  },
  import: {
    usage: 'import <file.zip> [--flows ./flows] [--id ID] [--overwrite]',
    about:
      'Installs a flow archive as a folder under the flows directory, after the same checks as the editor’s import.',
    load: async () => (await import('../zip-commands.ts')).importCommand,
  },
};

const ENVIRONMENT =
  'Environment (a flag of the same meaning wins): STRIPE_SECRET_KEY, STRIPE_API_BASE, REDIS_URL, FIREFLOW_FLOWS_DIR, FIREFLOW_DATA_DIR, PORT, HOST.';

function usage(): string {
  const lines = Object.values(COMMANDS).map((command) => `  fireflow ${command.usage}`);
  return `Usage:\n${lines.join('\n')}\n\nRun fireflow <command> --help for what a command does.\n${ENVIRONMENT}\n`;
}

function commandHelp(command: CommandEntry): string {
  return `Usage: fireflow ${command.usage}\n\n${command.about}\n${ENVIRONMENT}\n`;
}

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || isHelp(name) || name === 'help') {
    const command = name === 'help' && rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    process.stdout.write(command ? commandHelp(command) : usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`fireflow: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  // Before `--`, so a flow folder or zip literally named --help stays reachable after it.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.some(isHelp)) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  return (await command.load())(rest);
}
