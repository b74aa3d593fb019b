import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type SandboxEngine } from './engine.ts';
import { failure, messages, task } from './test-fixtures/tasks.ts';

describe('createEngine with a context prepared ahead', () => {
  let engine: SandboxEngine;
  beforeAll(async () => {
    engine = await createEngine();
  });

  it('gives each execution a fresh context: nothing one script leaves behind is seen by the next', async () => {
    engine.prepare();
    expect(engine.ready).toBe(true);
    expect(messages(await engine.run(task('globalThis.leftover = 1; var x = 2; print(typeof leftover)')))).toEqual([
      'number',
    ]);
    expect(engine.ready).toBe(false); // the run used it
    engine.prepare();
    const next = await engine.run(task('print(typeof leftover, typeof x, execution.id)'));
    expect(messages(next)).toEqual(['undefined undefined ex_1']);
  });

  it('binds the execution’s own inputs and applies its own limits to a prepared context', async () => {
    engine.prepare();
    const response = await engine.run(task('print(parsed_data.id)', { response_json: '{"id":"prod_1"}' }));
    expect(messages(response)).toEqual(['prod_1']);
    engine.prepare();
    expect(failure(await engine.run(task('while (true) {}', {}, { cpuMs: 50 }))).code).toBe('SCRIPT_TIMEOUT');
    engine.prepare();
    const hog = await engine.run(task("let s = 'x'; while (true) s += s;", {}, { memoryBytes: 8 * 1024 * 1024 }));
    expect(failure(hog).code).toBe('SCRIPT_MEMORY');
  });

  it('still refuses import() in a prepared context, and records create calls made in it', async () => {
    engine.prepare();
    expect(failure(await engine.run(task("import('fs')"))).message).toContain(
      "import is not available in scripts ('fs')",
    );
    engine.prepare();
    const fired = await engine.run(task('new_product().name("Hat").create_async()'));
    expect(fired.requests).toMatchObject([{ kind: 'product', params: { name: 'Hat' } }]);
  });
});
