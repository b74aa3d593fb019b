import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
function bench(name: string, fn: () => void, n = 2000) {
  for (let i = 0; i < 300; i++) fn();
  const r = [];
  for (let k = 0; k < 5; k++) { const t = performance.now(); for (let i = 0; i < n; i++) fn(); r.push(((performance.now() - t) / n * 1000)); }
  r.sort((a, b) => a - b);
  console.log(name, r.map((x) => x.toFixed(0)).join(' '), 'us');
}
const minimal = { BaseObjects: true, Date: true, Eval: true, StringNormalize: false, RegExp: true, JSON: true, Proxy: false, MapSet: true, TypedArrays: false, Promise: true } as const;
const withCode = (code: string, opts: object = {}) => () => { const rt = mod.newRuntime(); const ctx = rt.newContext({ intrinsics: minimal }); if (code) { const r = ctx.evalCode(code, 'p.js', { type: 'global', ...opts }); if (r.error) throw new Error(JSON.stringify(ctx.dump(r.error))); r.value.dispose(); } ctx.dispose(); rt.dispose(); };
const prelude = 'var x = {' + Array.from({ length: 40 }, (_, i) => `m${i}(v) { if (typeof v !== "string") throw new TypeError("m${i} must be a string"); this.p.m${i} = v; return this; }`).join(',\n') + '};';
bench('base', withCode(''));
bench('40 methods', withCode(prelude));
bench('40 methods strip', withCode(prelude, { strip: true }));
bench('40 methods compileOnly', withCode(prelude, { compileOnly: true }));
bench('40 methods strict', withCode(prelude, { strict: true }));
