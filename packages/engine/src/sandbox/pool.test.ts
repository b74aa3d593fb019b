import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPool, workerExecArgv, type SandboxPool } from './pool.ts';
import { failure, messages, task } from './test-fixtures/tasks.ts';

describe('createSandboxPool', () => {
  let pool: SandboxPool;
  beforeAll(async () => {
    pool = await createSandboxPool({ threads: 2 });
  });
  afterAll(() => pool.close());

  it('runs many tasks in parallel and answers each with its own result', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.run(task(`print(${i} * 2)`))));
    expect(results.map((result) => messages(result)[0])).toEqual(Array.from({ length: 40 }, (_, i) => String(i * 2)));
  });

  it('spreads tasks over the workers, up to `pipeline` each, and queues the rest in order', async () => {
    const narrow = await createSandboxPool({ threads: 2, pipeline: 2, maxBatch: 2 });
    // Tasks submitted in one turn of the event loop are handed out together, once its I/O is done.
    const dispatched = () => new Promise<void>((resolve) => setImmediate(resolve));
    try {
      const slow = task('const end = Date.now() + 100; while (Date.now() < end) {}');
      const first = [narrow.run(slow), narrow.run(slow)];
      await dispatched();
      expect(narrow.stats()).toMatchObject({ running: [1, 1], queued: 0 });
      const rest = [narrow.run(slow), narrow.run(slow), narrow.run(task('print("fifth")'))] as const;
      await dispatched();
      expect(narrow.stats()).toMatchObject({ running: [2, 2], queued: 1 });
      await Promise.all(first);
      const [, , fifth] = await Promise.all(rest);
      expect(messages(fifth)).toEqual(['fifth']);
      expect(narrow.stats()).toMatchObject({ running: [0, 0], queued: 0 });
    } finally {
      await narrow.close();
    }
  });

  it('hands each worker its share of a backlog, up to maxBatch', async () => {
    const wide = await createSandboxPool({ threads: 2, pipeline: 1, maxBatch: 4 });
    try {
      const slow = task('const end = Date.now() + 20; while (Date.now() < end) {}');
      const all = Promise.all(Array.from({ length: 10 }, () => wide.run(slow)));
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(wide.stats()).toMatchObject({ running: [4, 4], queued: 2 });
      expect((await all).every((result) => result.ok)).toBe(true);
    } finally {
      await wide.close();
    }
  });

  it('answers a burst of 200 tasks (batched both ways), each with its own result', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => pool.run(task(`print("r${i}")`))));
    expect(results.map((result) => messages(result)[0])).toEqual(Array.from({ length: 200 }, (_, i) => `r${i}`));
  });

  it('gives workers the full default stack, unlike a main thread', async () => {
    const result = await pool.run(
      task('let depth = 0; function f() { depth++; f() } try { f() } catch (e) { print(depth) }'),
    );
    expect(Number(messages(result)[0])).toBeGreaterThan(4000);
  });

  it('keeps working after a script hits each limit', async () => {
    const limits = { cpuMs: 200 };
    const failures = await Promise.all([
      pool.run(task('while (true) {}', {}, limits)),
      pool.run(task("let s = 'x'; while (true) s += s;", {}, { cpuMs: 20_000 })),
      pool.run(task('function f() { f() } f()', {}, { cpuMs: 20_000 })),
      pool.run(task('let x = ;')),
      pool.run(task(`const a = ${'['.repeat(200_000)}${']'.repeat(200_000)};`)),
    ]);
    expect(failures.map((result) => failure(result).code)).toEqual([
      'SCRIPT_TIMEOUT',
      'SCRIPT_MEMORY',
      'SCRIPT_STACK',
      'SCRIPT_SYNTAX',
      'SCRIPT_STACK',
    ]);
    const after = await Promise.all([pool.run(task('print(1)')), pool.run(task('print(2)'))]);
    expect(after.map((result) => messages(result)[0])).toEqual(['1', '2']);
  });
});

describe('createSandboxPool with a worker that dies', () => {
  const workerUrl = new URL('./test-fixtures/crash-worker.cjs', import.meta.url);

  it('fails the task that was running with INTERNAL, replaces the worker and runs the rest', async () => {
    const pool = await createSandboxPool({ threads: 1, pipeline: 1, workerUrl });
    try {
      const [crashed, queued] = await Promise.all([pool.run(task('/* crash */')), pool.run(task('print("queued")'))]);
      expect(failure(crashed)).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('exit code 7') });
      expect(messages(queued)).toEqual(['queued']);
      expect(messages(await pool.run(task('print("later")')))).toEqual(['later']);
    } finally {
      await pool.close();
    }
  });

  it('runs again, in order, the tasks a dead worker had been handed but not answered', async () => {
    const pool = await createSandboxPool({ threads: 1, pipeline: 8, workerUrl });
    try {
      const results = await Promise.all([
        pool.run(task('print("before")')),
        pool.run(task('/* crash */')),
        pool.run(task('print("after 1")')),
        pool.run(task('print("after 2")')),
      ]);
      expect(failure(results[1]!).code).toBe('INTERNAL');
      expect([results[0], results[2], results[3]].map((result) => messages(result!))).toEqual([
        ['before'],
        ['after 1'],
        ['after 2'],
      ]);
    } finally {
      await pool.close();
    }
  });
});

describe('closing a pool', () => {
  it('settles waiting tasks, then refuses new ones', async () => {
    const pool = await createSandboxPool({ threads: 1, pipeline: 1 });
    const running = pool.run(task('const end = Date.now() + 200; while (Date.now() < end) {}'));
    const waiting = pool.run(task('print("never")'));
    await pool.close();
    expect(failure(await waiting)).toMatchObject({ code: 'INTERNAL', message: 'the sandbox was closed' });
    expect((await running).ok).toBe(false);
    await expect(pool.run(task('print(1)'))).rejects.toThrow('closed');
  });
});

describe('outside vitest', () => {
  it('starts its workers under plain node --import tsx, with process-wide V8 flags set', async () => {
    const script = fileURLToPath(new URL('./test-fixtures/pool-smoke.ts', import.meta.url));
    // Process-wide flags must not reach the workers (Worker throws on them).
    const flags = ['--max-old-space-size=512', '--max-semi-space-size=4', '--import', 'tsx'];
    const { stdout } = await promisify(execFile)(process.execPath, [...flags, script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual(['0', '1', '2', '3']);
  });
});

describe('workerExecArgv', () => {
  it('keeps profiling and warning flags and drops loaders and process-wide flags', () => {
    const argv = [
      '--import',
      'tsx',
      '--cpu-prof',
      '--cpu-prof-dir=/tmp/p',
      '--max-old-space-size=512',
      '--no-warnings',
    ];
    expect(workerExecArgv(argv)).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--no-warnings']);
  });

  it('keeps the value of a flag given as the next argument', () => {
    const argv = ['--cpu-prof', '--cpu-prof-dir', '/tmp/p', '--conditions', 'development', '--stack-size', '900'];
    expect(workerExecArgv(argv)).toEqual(['--cpu-prof', '--cpu-prof-dir', '/tmp/p', '--conditions', 'development']);
  });
});
