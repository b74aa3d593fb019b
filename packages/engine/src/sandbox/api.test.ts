import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInlineSandbox } from './inline.ts';
import { execution, failure, messages, task } from './test-fixtures/tasks.ts';
import type { Sandbox } from './types.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createInlineSandbox();
});
afterAll(() => sandbox.close());

describe('print and console', () => {
  it('prints strings as they are and other values as JSON, joined by a space', async () => {
    const result = await sandbox.run(task('print("a", 1, true, null, undefined, { b: [1, "x"] }, [2])'));
    expect(messages(result)).toEqual(['a 1 true null undefined {"b":[1,"x"]} [2]']);
    expect(result.logs[0]?.level).toBe('log');
  });

  it('logs each console method at its level', async () => {
    const result = await sandbox.run(
      task('console.log("l"); console.info("i"); console.warn("w"); console.error("e")'),
    );
    expect(result.logs.map(({ level, message }) => `${level}:${message}`)).toEqual([
      'log:l',
      'info:i',
      'warn:w',
      'error:e',
    ]);
  });

  it('prints errors, functions and unserialisable values readably', async () => {
    const source = 'const c = {}; c.c = c; print(new TypeError("bad"), function f() {}, NaN, 10n, Symbol("s"), c)';
    const expected = 'TypeError: bad [Function] NaN 10 Symbol(s) [object Object]';
    expect(messages(await sandbox.run(task(source)))).toEqual([expected]);
  });

  it('hands log text over exactly, whatever characters it holds', async () => {
    // Text that looks like the output's own records, separators, quotes, non-Latin and astral characters.
    const lines = ['L0,1,5,abc', 'R3,{}x\u0001\u0000"\\', 'é € 😀 中', ''];
    const result = await sandbox.run(task(lines.map((line) => `print(${JSON.stringify(line)})`).join('; ')));
    expect(messages(result)).toEqual(lines);
  });

  it('hands over lone surrogates exactly too', async () => {
    expect(messages(await sandbox.run(task('print("a\\ud800b"); print("next")')))).toEqual(['a\ud800b', 'next']);
  });

  it('stamps every line with the time it was logged', async () => {
    const before = Date.now();
    const [log] = (await sandbox.run(task('print("x")'))).logs;
    expect(log?.ts).toBeGreaterThanOrEqual(before);
    expect(log?.ts).toBeLessThanOrEqual(Date.now());
  });
});

describe('JSON helpers', () => {
  it('parse_json parses and to_json serialises', async () => {
    const result = await sandbox.run(task('const v = parse_json(\'{"a":[1,2]}\'); print(v.a[1], to_json({ k: v.a }))'));
    expect(messages(result)).toEqual(['2 {"k":[1,2]}']);
  });

  it('parse_json of bad JSON throws a SyntaxError the script can catch', async () => {
    const result = await sandbox.run(task('try { parse_json("{") } catch (e) { print(e.name) }'));
    expect(messages(result)).toEqual(['SyntaxError']);
  });
});

describe('execution', () => {
  it('exposes the execution as a read-only, frozen object', async () => {
    const source =
      '"use strict"; print(execution.id, execution.worker_id, Object.isFrozen(execution));\nexecution.id = "x";';
    const result = await sandbox.run(task(source));
    expect(messages(result)).toEqual([`${execution.id} ${execution.worker_id} true`]);
    expect(failure(result)).toMatchObject({ code: 'SCRIPT_ERROR', line: 2 });
  });

  it('reads fields that hold any character, the separator of its encoding included', async () => {
    const odd = { ...execution, worker_id: 'queue\u0001two', context_id: '{"json":1}' };
    const result = await sandbox.run({
      ...task('print(execution.worker_id, execution.context_id)'),
      inputs: { execution: odd },
    });
    expect(messages(result)).toEqual(['queue\u0001two {"json":1}']);
  });

  it('cannot be replaced (strict mode: assigning it throws)', async () => {
    const result = await sandbox.run(
      task('try { execution = 1 } catch (e) { print(e.name) }\nprint(typeof execution)'),
    );
    expect(messages(result)).toEqual(['TypeError', 'object']);
  });
});

describe('secret', () => {
  it('returns a frozen reference holding only the name', async () => {
    const result = await sandbox.run(task('const s = secret("STRIPE_SECRET_KEY"); print(s, Object.isFrozen(s))'));
    expect(messages(result)).toEqual(['{"type":"secret","name":"STRIPE_SECRET_KEY"} true']);
  });

  it.each([
    ['secret()', 'secret name must be a string'],
    ['secret(42)', 'secret name must be a string'],
    ['secret("")', 'secret name must be a non-empty string'],
  ])('%s throws a TypeError', async (call, message) => {
    const result = await sandbox.run(task(`try { ${call} } catch (e) { print(e instanceof TypeError, e.message) }`));
    expect(messages(result)).toEqual([`true ${message}`]);
  });
});

describe('response and error data', () => {
  const request = { id: 'req_1', kind: 'payment_intent', node_id: 'pi', params: { amount: 5 }, idempotency_key: 'k' };

  it('binds parsed_data, response_json and request in a response execution', async () => {
    const response_json = JSON.stringify({ id: 'pi_1', amount: 5 });
    const source = 'print(parsed_data.id, response_json, request.id, typeof parsed_error)';
    const result = await sandbox.run(task(source, { response_json, request_json: JSON.stringify(request) }));
    expect(messages(result)).toEqual([`pi_1 ${response_json} req_1 undefined`]);
  });

  it('binds parsed_error and error_json in an error execution', async () => {
    const error_json = JSON.stringify({ error: { type: 'card_error', code: 'card_declined' } });
    const result = await sandbox.run(
      task('print(parsed_error.error.code, error_json === ' + JSON.stringify(error_json) + ')', { error_json }),
    );
    expect(messages(result)).toEqual(['card_declined true']);
  });

  it('binds the parsed data for a direct eval too, though the script never names it', async () => {
    const response_json = JSON.stringify({ id: 'pi_2' });
    const result = await sandbox.run(task('print(eval("parsed_" + "data").id)', { response_json }));
    expect(messages(result)).toEqual(['pi_2']);
  });

  it('keeps backticks, ${…} and quotes in data as inert text', async () => {
    const evil = '`${print("pwned")}` \' " \\` ${1+1} </script>';
    const response_json = JSON.stringify({ description: evil });
    const source = 'print(parsed_data.description); print(response_json.length)';
    const result = await sandbox.run(task(source, { response_json }));
    expect(messages(result)).toEqual([evil, String(response_json.length)]);
  });
});

describe('what scripts do not get', () => {
  it('has no timers, require, process, fetch, typed arrays or module loading', async () => {
    const names = ['setTimeout', 'setInterval', 'setImmediate', 'require', 'process', 'fetch', 'module', 'Uint8Array'];
    const result = await sandbox.run(task(`print(${names.map((name) => `typeof ${name}`).join(', ')})`));
    expect(messages(result)).toEqual([names.map(() => 'undefined').join(' ')]);
  });
});
