import { beforeAll, describe, expect, it } from 'vitest';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { checkSyntax, checkSyntaxWith } from './check-syntax.ts';
import { loadQuickJS } from './quickjs.ts';

let module: QuickJSWASMModule;
beforeAll(async () => {
  module = await loadQuickJS();
});

describe('checkSyntax', () => {
  it('accepts a valid script without running it', () => {
    expect(checkSyntaxWith(module, 'while (true) {}\nprint(`ok ${1}`);', 'main.js')).toEqual([]);
  });

  it('reports the first syntax error with its 1-based line and column', () => {
    expect(checkSyntaxWith(module, 'let a = 1;\nlet b = ;\n', 'on_response.js')).toEqual([
      { file: 'on_response.js', line: 2, column: 9, message: "unexpected token in expression: ';'" },
    ]);
  });

  it('reports an unterminated string where it starts', () => {
    const [diagnostic] = checkSyntaxWith(module, 'print("a");\n  print("oops);\n', 'main.js');
    expect(diagnostic).toMatchObject({ line: 2, column: 9 });
  });

  it('rejects module syntax, since scripts are global code', () => {
    expect(checkSyntaxWith(module, 'import fs from "fs";', 'main.js')).toHaveLength(1);
    expect(checkSyntaxWith(module, 'export const a = 1;', 'main.js')).toHaveLength(1);
  });

  it('accepts the nesting real code has', () => {
    const depth = 15;
    const source = `${'function f() { if (x) { g([{ a: '.repeat(depth)}1${' }]) } }'.repeat(depth)}`;
    expect(checkSyntaxWith(module, source, 'main.js')).toEqual([]);
  });

  it('survives absurdly nested source', () => {
    const [diagnostic] = checkSyntaxWith(module, '('.repeat(100_000), 'main.js');
    expect(diagnostic?.message).toMatch(/stack overflow/);
    expect(checkSyntaxWith(module, 'print(1)', 'main.js')).toEqual([]);
  });

  it('loads its own QuickJS when not given one', async () => {
    expect(await checkSyntax('let x = ;', 'main.js')).toEqual([
      { file: 'main.js', line: 1, column: 9, message: expect.any(String) },
    ]);
  });
});
