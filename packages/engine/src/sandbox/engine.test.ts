import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type SandboxEngine } from './engine.ts';
import { failure, messages, task } from './test-fixtures/tasks.ts';

describe('createEngine: one shared realm per thread', () => {
  let engine: SandboxEngine;
  beforeAll(async () => {
    engine = await createEngine();
  });

  it('runs execution after execution in the same realm, compiling each script once', async () => {
    const before = engine.stats();
    for (let i = 0; i < 5; i += 1) {
      const result = await engine.run(task('print(execution.id, typeof parsed_data)'));
      expect(messages(result)).toEqual(['ex_1 undefined']);
    }
    const response = await engine.run(task('print(parsed_data.id)', { response_json: '{"id":"prod_1"}' }));
    expect(messages(response)).toEqual(['prod_1']);
    expect(engine.stats()).toEqual({ realms: before.realms, compiles: before.compiles + 2 });
  });

  it('rebuilds the realm after a limit, and the next execution runs normally', async () => {
    const before = engine.stats();
    expect(failure(await engine.run(task('while (true) {}', {}, { cpuMs: 50 }))).code).toBe('SCRIPT_TIMEOUT');
    const hog = await engine.run(task("let s = 'x'; while (true) s += s;", {}, { memoryBytes: 8 * 1024 * 1024 }));
    expect(failure(hog).code).toBe('SCRIPT_MEMORY');
    expect(messages(await engine.run(task('print("fine")')))).toEqual(['fine']);
    expect(engine.stats().realms).toBe(before.realms + 2);
  });

  it('refuses a script that closes its function early, and drops what it declared at the top level', async () => {
    const before = engine.stats();
    // Closes the wrapper's three functions (see realm.ts), declares at the top level, and reopens them.
    const escape = '}; }; }); let escaped = 1; (function () { return function () { return function () {';
    expect(failure(await engine.run(task(escape)))).toMatchObject({ code: 'SCRIPT_SYNTAX', line: 1 });
    expect(messages(await engine.run(task('print(typeof escaped)')))).toEqual(['undefined']);
    expect(engine.stats().realms).toBe(before.realms + 1);
  });

  it('locates a stray closing brace where it is written, not in the wrapper', async () => {
    const result = await engine.run(task('print(1);\n}\nprint(2);'));
    expect(failure(result)).toMatchObject({ code: 'SCRIPT_SYNTAX', line: 2 });
  });

  it('still refuses import(), and records create calls', async () => {
    expect(failure(await engine.run(task("import('fs')"))).message).toContain(
      "import is not available in scripts ('fs')",
    );
    const fired = await engine.run(task('new_product().name("Hat").create_async()'));
    expect(fired.requests).toMatchObject([{ kind: 'product', params: { name: 'Hat' } }]);
  });
});
