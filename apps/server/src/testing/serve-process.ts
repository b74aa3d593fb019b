import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/fireflow.mjs', import.meta.url));

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL, resolved once the process is gone. */
  kill9(): Promise<void>;
}

/** `fireflow serve` as a child process, resolved once it prints the address it listens on. */
export async function startServeProcess(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: {
      ...process.env,
      STRIPE_SECRET_KEY: '',
      STRIPE_API_BASE: '',
      REDIS_URL: '',
      PORT: '',
      HOST: '',
      FIREFLOW_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`fireflow serve exited with ${code} before listening:\n${out}`)));
  });
  return {
    url,
    child,
    output: () => out,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs `fireflow serve` to its exit (for refusals at start): the exit code and everything it printed. */
export function runServeToExit(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: {
      ...process.env,
      STRIPE_SECRET_KEY: '',
      STRIPE_API_BASE: '',
      REDIS_URL: '',
      PORT: '',
      FIREFLOW_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
