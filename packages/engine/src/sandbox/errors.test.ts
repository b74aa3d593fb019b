import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionError, locate, thrownValue } from './errors.ts';
import { createInlineSandbox } from './inline.ts';
import { failure, messages, task } from './test-fixtures/tasks.ts';
import { DEFAULT_LIMITS, type Sandbox } from './types.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createInlineSandbox();
});
afterAll(() => sandbox.close());

describe('script failures', () => {
  it.each([
    [
      'a thrown error',
      'print("before");\nfunction fail() {\n    throw new Error("boom");\n}\nfail();',
      'Error: boom',
      3,
      20,
    ],
    ['require', 'const x = 1;\n  const fs = require("fs");', "ReferenceError: 'require' is not defined", 2, 14],
    ['process.exit', '\nprocess.exit(1);', "ReferenceError: 'process' is not defined", 2, 1],
    ['fetch', 'let r;\nr = fetch("https://example.com");', "ReferenceError: 'fetch' is not defined", 2, 5],
    ['a thrown string', '\n\nthrow "plain";', 'Uncaught plain', 0, 0],
  ])('%s fails with SCRIPT_ERROR at its line and column', async (_name, source, message, line, column) => {
    const result = await sandbox.run(task(source));
    expect(failure(result)).toMatchObject({ code: 'SCRIPT_ERROR', file: 'main.js', line, column });
    expect(failure(result).message.startsWith(message)).toBe(true);
  });

  it('import() fails cleanly with SCRIPT_ERROR where it is written', async () => {
    const result = await sandbox.run(task('print("a");\nconst m = import("fs");\nm.catch(() => print("caught"));'));
    expect(failure(result)).toEqual({
      code: 'SCRIPT_ERROR',
      message: "import is not available in scripts ('fs')",
      file: 'main.js',
      line: 2,
      column: 11,
    });
    expect(messages(result)).toEqual(['a', 'caught']);
  });

  it('a static import is a syntax error', async () => {
    expect(failure(await sandbox.run(task('import fs from "fs";'))).code).toBe('SCRIPT_SYNTAX');
  });

  it('reports a syntax error with its line and column, and runs nothing', async () => {
    const result = await sandbox.run(task('print("never");\nlet x = ;'));
    expect(failure(result)).toMatchObject({
      code: 'SCRIPT_SYNTAX',
      line: 2,
      column: 9,
      message: expect.stringContaining('SyntaxError'),
    });
    expect(result.logs).toEqual([]);
  });

  it('keeps the logs written before a failure', async () => {
    const result = await sandbox.run(task('print("one"); console.warn("two"); null.x;'));
    expect(failure(result).code).toBe('SCRIPT_ERROR');
    expect(messages(result)).toEqual(['one', 'two']);
  });

  it('fails when the promise the script returns rejects', async () => {
    const source = 'async function main() {\n  await null;\n  throw new Error("late");\n}\nreturn main();';
    expect(failure(await sandbox.run(task(source)))).toMatchObject({
      code: 'SCRIPT_ERROR',
      message: 'Error: late',
      line: 3,
      column: 18,
    });
  });

  it('runs promise jobs before returning', async () => {
    const result = await sandbox.run(task('Promise.resolve(2).then((n) => print("job", n)); print("sync");'));
    expect(messages(result)).toEqual(['sync', 'job 2']);
  });

  it('runs the next script normally after a syntax error and after a thrown error', async () => {
    await sandbox.run(task('let = ;'));
    await sandbox.run(task('throw new Error("x")'));
    expect(messages(await sandbox.run(task('print(typeof print)')))).toEqual(['function']);
  });
});

describe('locate', () => {
  it('finds the first frame in the file, skipping other files', () => {
    const stack =
      '    at check (native)\n    at f (<input>:1:2)\n    at g (main.js:4:7)\n    at <eval> (main.js:9:1)\n';
    expect(locate(stack, 'main.js')).toEqual({ line: 4, column: 7 });
  });

  it('reads a syntax error frame, which has no function name', () => {
    expect(locate('    at on_response.js:12:3\n', 'on_response.js')).toEqual({ line: 12, column: 3 });
  });

  it('returns null when no frame is in the file', () => {
    expect(locate('    at f (other.js:1:1)\n', 'main.js')).toBeNull();
    expect(locate(undefined, 'main.js')).toBeNull();
  });
});

describe('executionError', () => {
  it('names the limit that stopped the script, whatever was thrown', () => {
    const thrown = thrownValue({ name: 'InternalError', message: 'interrupted', stack: '    at <eval> (a.js:3:4)\n' });
    expect(executionError(thrown, 'timeout', 'a.js', DEFAULT_LIMITS)).toEqual({
      code: 'SCRIPT_TIMEOUT',
      message: 'Script exceeded its CPU time limit of 1000 ms',
      file: 'a.js',
      line: 3,
      column: 4,
    });
  });

  it('recognises QuickJS out-of-memory and stack-overflow errors', () => {
    const oom = thrownValue({ name: 'InternalError', message: 'out of memory' });
    const deep = thrownValue({ name: 'InternalError', message: 'stack overflow' });
    expect(executionError(oom, null, 'a.js', DEFAULT_LIMITS).code).toBe('SCRIPT_MEMORY');
    expect(executionError(deep, null, 'a.js', DEFAULT_LIMITS).code).toBe('SCRIPT_STACK');
  });

  it('reads thrown non-errors', () => {
    expect(thrownValue(42).message).toBe('Uncaught 42');
    expect(thrownValue({ code: 1 }).message).toBe('Uncaught {"code":1}');
  });
});
