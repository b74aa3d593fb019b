import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
function bench(name: string, fn: () => void, n = 2000) {
  for (let i = 0; i < 500; i++) fn();
  const r = [];
  for (let k = 0; k < 5; k++) { const t = performance.now(); for (let i = 0; i < n; i++) fn(); r.push(((performance.now() - t) / n * 1000)); }
  r.sort((a, b) => a - b);
  console.log(name.padEnd(30), r[2]!.toFixed(0), 'us  (', r.map((x) => x.toFixed(0)).join(' '), ')');
}
const minimal = { BaseObjects: true, Date: true, Eval: true, StringNormalize: false, RegExp: true, JSON: true, Proxy: false, MapSet: true, TypedArrays: false, Promise: true } as const;
const withCode = (code: string, extra?: (ctx: any) => void) => () => { const rt = mod.newRuntime(); const ctx = rt.newContext({ intrinsics: minimal }); extra?.(ctx); if (code) { const r = ctx.evalCode(code, 'p.js', { type: 'global' }); if (r.error) throw new Error(JSON.stringify(ctx.dump(r.error))); r.value.dispose(); } ctx.dispose(); rt.dispose(); };
const fns = (n: number) => Array.from({ length: n }, (_, i) => `function m${i}(v) { if (typeof v !== "string") throw new TypeError("m${i} must be a string"); this.p.m${i} = v; return this; }`).join('\n');
bench('base', withCode(''));
bench('1;', withCode('1;'));
bench('1 fn', withCode(fns(1)));
bench('5 fn', withCode(fns(5)));
bench('20 fn', withCode(fns(20)));
bench('5 tiny fn', withCode(Array.from({ length: 5 }, (_, i) => `function t${i}(a){return a}`).join('\n')));
bench('statements 50', withCode(Array.from({ length: 50 }, (_, i) => `var v${i} = ${i} + 1;`).join('\n')));
bench('10 host fns', withCode('', (ctx) => { for (let i = 0; i < 10; i++) { const f = ctx.newFunction('h' + i, () => undefined); ctx.setProp(ctx.global, 'h' + i, f); f.dispose(); } }));
bench('newString+setProp x5', withCode('', (ctx) => { for (let i = 0; i < 5; i++) { const f = ctx.newString('{"a":1}'); ctx.setProp(ctx.global, 'h' + i, f); f.dispose(); } }));
