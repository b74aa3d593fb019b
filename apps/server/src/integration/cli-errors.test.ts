import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREFLOW_BIN, REPO_ROOT, fireflow, type CliResult } from '../testing/cli.ts';

const COMMANDS = ['run', 'validate', 'serve', 'worker', 'stripe-mock', 'export', 'import'];

/** One line on stderr and nothing that looks like a stack trace. */
function expectOneLine(result: CliResult): void {
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

function listen(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('fireflow --help', () => {
  it('prints the usage of every command and exits 0', async () => {
    const all = await fireflow(['--help']);
    expect(all.code).toBe(0);
    for (const name of COMMANDS) expect(all.stdout).toContain(`fireflow ${name}`);
  });

  it.each(COMMANDS)('fireflow %s --help prints its usage and exits 0', async (name) => {
    const { code, stdout, stderr } = await fireflow([name, '--help']);
    expect(stdout).toMatch(new RegExp(`^Usage: fireflow ${name}\\b`));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('fireflow errors a user can act on', () => {
  it('names --port and PORT in one line when the port is in use', async () => {
    const busy = await listen();
    try {
      const { port } = busy.address() as net.AddressInfo;
      const work = await mkdtemp(path.join(tmpdir(), 'fireflow-port-'));
      const flags = ['--flows', path.join(work, 'flows'), '--data', path.join(work, 'data')];
      const byFlag = await fireflow(['serve', '--port', String(port), ...flags]);
      expect(byFlag.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} is already in use.*--port.*PORT`));
      expectOneLine(byFlag);
      expect(byFlag.code).toBe(1);
      const byEnv = await fireflow(['serve', ...flags], { PORT: String(port) });
      expect(byEnv.stderr).toMatch(/already in use/);
      expectOneLine(byEnv);
      expect(byEnv.code).toBe(1);
    } finally {
      busy.close();
    }
  });

  it.each(['run', 'validate'])('fireflow %s names a missing flow folder in one line', async (name) => {
    const result = await fireflow([name, 'flows/no-such-flow']);
    expect(result.stderr).toBe(`fireflow ${name}: no flow folder at flows/no-such-flow\n`);
    expect(result.code).toBe(2);
  });

  it('ends quietly when the reader of --json closes the pipe', async () => {
    const child = spawn(process.execPath, [FIREFLOW_BIN, 'run', 'flows/chained', '--json'], { cwd: REPO_ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Like `| head -1`: read the first event, then close the read end while the run still writes.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
