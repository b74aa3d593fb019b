import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type SandboxEngine } from './engine.ts';
import { maxParseStackBytes, maxScriptStackBytes, resolveLimits, workerStackSizeMb } from './limits.ts';
import { failure, messages, task } from './test-fixtures/tasks.ts';
import { DEFAULT_LIMITS, MAX_LOG_LINE_CHARS as MAX_LOG_CHARS, type SandboxLimits } from './types.ts';

const { logLines: MAX_LOG_LINES, createCalls: MAX_REQUESTS } = DEFAULT_LIMITS;

let engine: SandboxEngine;
beforeAll(async () => {
  engine = await createEngine();
});

const heapBytes = () => (engine.module.getWasmMemory() as unknown as { buffer: ArrayBuffer }).buffer.byteLength;

/** Runs `source`, then checks that the same engine still runs a normal script. */
async function runThenRecover(source: string, limits?: Partial<SandboxLimits>) {
  const result = await engine.run(task(source, {}, limits));
  const next = await engine.run(task('print("still working")'));
  expect(messages(next)).toEqual(['still working']);
  return result;
}

// Memory and stack tests get a generous CPU budget so only the limit under test can trip.
const NO_TIMEOUT = { cpuMs: 20_000 };

describe('limits', () => {
  it('stops an endless loop after 1 s of CPU with SCRIPT_TIMEOUT', async () => {
    // QuickJS locates an interrupt at the start of the function that was running.
    const result = await runThenRecover('let i = 0;\nfunction spin() {\n  while (true) { i++ }\n}\nspin();');
    expect(failure(result)).toMatchObject({ code: 'SCRIPT_TIMEOUT', file: 'main.js', line: 2, column: 1 });
    expect(result.duration_ms).toBeGreaterThanOrEqual(1000);
    expect(result.duration_ms).toBeLessThan(5000);
  });

  it('stops a loop in a promise job too', async () => {
    const result = await runThenRecover('Promise.resolve().then(() => { while (true) {} })', { cpuMs: 100 });
    expect(failure(result).code).toBe('SCRIPT_TIMEOUT');
  });

  it('stops a doubling string with SCRIPT_MEMORY', async () => {
    const result = await runThenRecover("let s = 'x';\nwhile (true) s += s;", NO_TIMEOUT);
    expect(failure(result)).toMatchObject({
      code: 'SCRIPT_MEMORY',
      line: 2,
      message: 'Script exceeded its memory limit of 64 MiB',
    });
  });

  it('stops a huge array with SCRIPT_MEMORY', async () => {
    const result = await runThenRecover('const a = new Array(1e9).fill(0);', NO_TIMEOUT);
    expect(failure(result).code).toBe('SCRIPT_MEMORY');
  });

  it('caps the heap even for big strings that QuickJS does not count', async () => {
    const source = "const a = [];\nfor (let i = 0; i < 40; i++) a.push('x'.repeat(5e7) + i);";
    const result = await engine.run(task(source, {}, NO_TIMEOUT));
    expect(failure(result).code).toBe('SCRIPT_MEMORY');
    expect(heapBytes()).toBeLessThanOrEqual(160 * 1024 * 1024); // 2 GiB were asked for
    expect(messages(await engine.run(task('print("still working")')))).toEqual(['still working']);
  });

  it('stops many small allocations with SCRIPT_MEMORY', async () => {
    const result = await runThenRecover('const a = [];\nwhile (true) a.push(new Array(1e5).fill(1));', NO_TIMEOUT);
    expect(failure(result).code).toBe('SCRIPT_MEMORY');
  });

  it('honours a lower memory limit', async () => {
    const result = await runThenRecover("const s = 'x'.repeat(20e6);", { ...NO_TIMEOUT, memoryBytes: 8 * 1024 * 1024 });
    expect(failure(result)).toMatchObject({
      code: 'SCRIPT_MEMORY',
      message: 'Script exceeded its memory limit of 8 MiB',
    });
  });

  it('stops deep recursion with SCRIPT_STACK', async () => {
    const result = await runThenRecover('function dive(n) {\n  return dive(n + 1) + 1;\n}\ndive(0);', NO_TIMEOUT);
    expect(failure(result)).toMatchObject({ code: 'SCRIPT_STACK', line: 2 });
  });

  it('fails a source nested too deeply to parse with SCRIPT_STACK', async () => {
    const result = await runThenRecover(`const a = ${'['.repeat(100_000)}${']'.repeat(100_000)};`, NO_TIMEOUT);
    expect(failure(result).code).toBe('SCRIPT_STACK');
  });

  it('stops recursion through the script API with SCRIPT_STACK', async () => {
    const result = await runThenRecover(
      'function f() { return new_product().set("x", { toJSON: f }) }\nf()',
      NO_TIMEOUT,
    );
    expect(failure(result)).toMatchObject({ code: 'SCRIPT_STACK', line: 1 });
  });
});

describe('output caps', () => {
  it(`keeps at most ${MAX_LOG_LINES} log lines and adds a note`, async () => {
    const result = await engine.run(task(`for (let i = 0; i < ${MAX_LOG_LINES + 500}; i++) print(i)`));
    expect(result.logs).toHaveLength(MAX_LOG_LINES + 1);
    expect(result.logs.at(-2)?.message).toBe(String(MAX_LOG_LINES - 1));
    expect(result.logs.at(-1)).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('500 more log lines dropped'),
    });
  });

  it(`cuts a message at ${MAX_LOG_CHARS} characters`, async () => {
    const [log] = (await engine.run(task(`print('y'.repeat(${MAX_LOG_CHARS * 3}))`))).logs;
    expect(log?.message).toBe(`${'y'.repeat(MAX_LOG_CHARS)}… [truncated]`);
  });

  it(`refuses more than ${MAX_REQUESTS} create calls`, async () => {
    const result = await engine.run(task(`for (let i = 0; i <= ${MAX_REQUESTS}; i++) new_product().create()`));
    expect(failure(result).message).toContain(`at most ${MAX_REQUESTS} create calls`);
    expect(result.requests).toHaveLength(MAX_REQUESTS);
  });
});

describe('limit settings', () => {
  it('merges task limits over the defaults and ignores nonsense', () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ cpuMs: 50, memoryBytes: -1, stackBytes: Number.NaN })).toEqual({
      ...DEFAULT_LIMITS,
      cpuMs: 50,
    });
  });

  it('keeps the script stack within what the thread can hold', () => {
    const MiB = 1024 * 1024;
    expect(maxScriptStackBytes(984 * 1024)).toBeLessThan(200 * 1024);
    expect(maxScriptStackBytes(workerStackSizeMb(MiB) * MiB)).toBeGreaterThanOrEqual(MiB);
    expect(maxScriptStackBytes(1024 * MiB)).toBe(4 * MiB);
    expect(maxParseStackBytes(984 * 1024)).toBeLessThan(maxScriptStackBytes(984 * 1024) / 4);
  });
});
